from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        # Documents' own kinds (photos, other documents, drawn signatures) and the dossier's "other" section;
        # every other app registers its kinds in its own ready() (this app is ready first).
        from .kinds import KINDS, OTHER_SECTION, kinds_register, sections_register

        sections_register(OTHER_SECTION)
        kinds_register(*KINDS)
        # Registers the start-up check that the document storage answers.
        from . import storage_health  # noqa: F401

        # List pages: what django-tables2 did for every cell is done once per process.
        from .table_cells import install

        install()
