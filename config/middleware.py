"""The interface language: the one the user chose with the switcher (a cookie), otherwise Simplified Chinese.

The browser's Accept-Language is deliberately ignored: the staff of a Chinese building work in
Chinese whatever language their browser was installed in, and switch to English on purpose. Only the API
(/api/) reads it, for the programs calling it.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not chosen and request.path.startswith("/api/"):
            # A program calling the API has no switcher: its Accept-Language says which messages it reads.
            chosen = translation.get_language_from_request(request)
        language = chosen if chosen and translation.check_for_language(chosen) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
