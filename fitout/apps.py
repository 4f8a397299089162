from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FitoutConfig(AppConfig):
    name = "fitout"
    verbose_name = _("Fit-out")
