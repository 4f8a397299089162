"""The staff search page (also the target of the search box in the top bar)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tenancy.access import role_required
from tenancy.roles import ALL_STAFF

from .query import SearchInputError, SearchTerms, search_terms
from .selectors import staff_search


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=False)

    def clean_q(self) -> SearchTerms | None:
        try:
            return search_terms(self.cleaned_data["q"])
        except SearchInputError as error:
            raise forms.ValidationError(str(error), code="too_long") from error


@role_required(*ALL_STAFF)
def search(request: HttpRequest) -> HttpResponse:
    """All staff roles; each sees only the result types (and documents) it may open."""
    form = SearchForm(request.GET)
    terms = form.cleaned_data["q"] if form.is_valid() else None
    results = staff_search(terms=terms, user=request.user) if terms else None
    context = {"form": form, "terms": terms, "results": results, "query": request.GET.get("q", "")}
    return render(request, "leasing/search.html", context)
