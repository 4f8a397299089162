"""Portal account pages: change the password, and reset a forgotten one by e-mail, in the portal's look."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from ..access import portal_view
from . import portal_people
from .forms import PortalPasswordChangeForm, PortalPasswordResetForm, PortalSetPasswordForm
from .views import KindPasswordResetConfirmView, ResetMailMixin

password_change = portal_view(
    auth_views.PasswordChangeView.as_view(
        template_name="portal/password_change_form.html",
        form_class=PortalPasswordChangeForm,
        success_url=reverse_lazy("portal:password-change-done"),
    )
)
password_change_done = portal_view(
    auth_views.PasswordChangeDoneView.as_view(template_name="portal/password_change_done.html")
)


class PortalPasswordResetView(ResetMailMixin, auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    template_name = "portal/password_reset_form.html"
    email_template_name = "portal/password_reset_email.txt"
    subject_template_name = "portal/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password-reset-done")


urlpatterns = [
    path("people/", portal_people.portal_people, name="people"),
    path("people/<int:pk>/role/", portal_people.portal_person_role, name="person-role"),
    path("people/<int:pk>/remove/", portal_people.portal_person_delete, name="person-remove"),
    path("preferences/", portal_people.portal_preferences, name="preferences"),
    path("password/", password_change, name="password-change"),
    path("password/done/", password_change_done, name="password-change-done"),
    path("password/reset/", PortalPasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="portal/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        KindPasswordResetConfirmView.as_view(
            staff=False,
            form_class=PortalSetPasswordForm,
            template_name="portal/password_reset_confirm.html",
            success_url=reverse_lazy("portal:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="portal/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
