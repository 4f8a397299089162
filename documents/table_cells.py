"""What django-tables2 does again for every cell of a list, done once per process instead.

Two costs showed in ``bench/profile_page.py`` on every list page (a page of 50 bills: 300 cells):

- a ``TemplateColumn`` compiles its ``template_code`` for every cell it renders, and ``DateColumn`` and
  ``DateTimeColumn`` are such columns: the page compiled 100 templates per request. Each code is now compiled
  at its first use and the compiled template reused, as Django's cached template loader does with template
  files (a compiled template keeps no state of a rendering, so one serves every request);
- every cell's ``render``/``value`` call is matched to the arguments it takes by ``inspect.signature``, read
  again per cell. A function's arguments are now read once.

``install()`` runs from documents' ``AppConfig.ready``. What the cells show, their escaping and their context
are unchanged."""

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.template import Template
from django_tables2 import utils
from django_tables2.columns import templatecolumn

# Distinct template codes and cell functions are those the code declares: a few hundred at most.
KEPT = 1024
_signature = utils.signature


@lru_cache(maxsize=KEPT)
def compiled_template(template_code: str) -> Template:
    """The template of a column's code, compiled at its first use in this process."""
    return Template(template_code)


@lru_cache(maxsize=KEPT)
def _function_signature(function: Callable[..., Any]) -> tuple[tuple[str, ...], str | None]:
    return _signature(function)


def cell_signature(fn: Callable[..., Any]) -> tuple[tuple[str, ...], str | None]:
    """django-tables2's ``signature(fn)`` (the argument names and the ``**`` name), read once per function; a
    bound method's is its function's without the first argument (``self`` or ``cls``)."""
    function = getattr(fn, "__func__", None)
    if function is not None:
        names, catch_all = _function_signature(function)
        return names[1:], catch_all
    try:
        return _function_signature(fn)
    except TypeError:  # an unhashable callable: read as before
        return _signature(fn)


def install() -> None:
    """Both modules look the names up when a cell is rendered: the names now give the kept answers."""
    templatecolumn.Template = compiled_template
    utils.signature = cell_signature
