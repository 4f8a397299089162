"""Read-side queries for the space inventory."""


def dashboard_cards() -> list[dict]:
    return []
