import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Staff fixtures set a password for each user; the production hasher would make these tests crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
