import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Role fixtures create several users per test; a fast hasher keeps the role matrix quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
