"""A form's PDF is printed once, by a POST: a GET of its link opens the stored PDF or, before it is printed,
shows a page offering to print it. Printing numbers the form and keeps it, so a GET never stores anything."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from documents.models import Document

Opener = Callable[[Document], HttpResponse]


def pdf_print_or_open(
    request: HttpRequest,
    *,
    stored: int | None,
    print_it: Callable[[], Document],
    open_it: Opener,
    title: str,
    portal: bool = False,
) -> HttpResponse:
    """POST: print the form (its service renders it once and keeps it) and open it. GET: open the stored
    PDF, or offer to print it when it has not been printed yet."""
    if request.method == "POST":
        return open_it(print_it())
    if stored is not None:
        return open_it(Document.objects.get(pk=stored))
    base = "portal/base.html" if portal else "base.html"
    return render(request, "billing/print_first.html", {"title": title, "base": base})
