from django.contrib.auth import views as auth_views
from django.urls import path

from . import accounts

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("2fa/", accounts.otp_verify, name="otp-verify"),
    path("2fa/setup/", accounts.otp_setup, name="otp-setup"),
]
