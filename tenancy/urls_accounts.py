from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .accounts import views as accounts

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", accounts.StaffPasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.KindPasswordResetConfirmView.as_view(
            staff=True, success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("2fa/", accounts.otp_verify, name="otp-verify"),
    path("2fa/setup/", accounts.otp_setup, name="otp-setup"),
    path("2fa/backup-codes/", accounts.otp_backup_codes, name="otp-backup-codes"),
    path("2fa/reset/", accounts.otp_reset, name="otp-reset"),
]
