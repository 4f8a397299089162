"""The WSGI application of config/wsgi.py as ``make loadtest`` serves it: the admin changelists its peer mix
opens show as many rows per page as our lists do (``LOADTEST_ADMIN_ROWS``, ``{"app.Model": rows}``), as
``make bench`` sets them."""

import json
import os

from config.wsgi import application


def _admin_rows_set() -> None:
    """Once the application loaded the apps and the admin's registry."""
    from django.apps import apps
    from django.contrib import admin

    for model, rows in json.loads(os.environ.get("LOADTEST_ADMIN_ROWS", "{}")).items():
        admin.site._registry[apps.get_model(model)].list_per_page = rows


_admin_rows_set()

__all__ = ["application"]
