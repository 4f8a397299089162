"""Leasing's import kinds (day one): buildings, floors and units; running leases. Registered in ``apps``."""


def register() -> None:
    from documents.imports.kinds import import_kind_register

    from .leases import LEASES
    from .space import UNITS

    import_kind_register(UNITS)
    import_kind_register(LEASES)
