"""Legal's queue of drafts waiting for review, and the review page: approve, or return with comments."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import role_required
from tenancy.scope import scope, scoped_or_404

from ..models import LegalReview
from ..views import _posted
from . import selectors
from .reviews import LEGAL_REVIEWERS, review_approve, review_return, reviews_waiting
from .views import show_error


class ReviewForm(forms.Form):
    comments = forms.CharField(
        label=gettext_lazy("Comments for the drafter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required when you return the draft: say what must change."),
    )


@role_required(*LEGAL_REVIEWERS)
def legal_review_list(request: HttpRequest) -> HttpResponse:
    """Legal: the drafts waiting for its review, oldest first."""
    return render(
        request,
        "leasing/legal_review_list.html",
        {"reviews": list(scope(reviews_waiting(), request.user, "lease__building"))},
    )


@role_required(*LEGAL_REVIEWERS)
@require_http_methods(["GET", "POST"])
def legal_review_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Legal: read the draft's terms, then approve it or return it with comments."""
    reviews = LegalReview.objects.select_related("amendment")
    review = scoped_or_404(reviews, request.user, "lease__building", pk=pk)
    lease = selectors.lease_get(review.lease_id, request.user)
    form = ReviewForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        comments = form.cleaned_data["comments"]
        try:
            if request.POST.get("decision") == "return":
                review_return(review=review, by=request.user, comments=comments)
                messages.success(request, _("Draft returned to the drafter with your comments."))
            else:
                review_approve(review=review, by=request.user, comments=comments)
                messages.success(request, _("Draft approved: it may be signed."))
        except DomainError as error:
            show_error(form, error)
        else:
            return redirect("leasing:legal-review-list")
    context = {
        "review": review,
        "lease": lease,
        "form": form,
        "terms": selectors.lease_current_terms(lease, lease.start_date),
    }
    return render(request, "leasing/legal_review_decide.html", context)
