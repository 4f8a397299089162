# Placeholder until the run/test targets land.
PY := .venv/bin/python
TEST_ENV := DEBUG=false SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=false \
	SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false REQUIRE_2FA=false AXES_ENABLED=true \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver STATIC_MANIFEST=false

pytest:
	$(TEST_ENV) .venv/bin/pytest $(ARGS)
