# The project's commands (see README.md):
#   make run        install what is missing, start PostgreSQL and Redis if needed, migrate, load the demo, serve
#   make test       translations, lint, then the whole suite (browser tests included) on PostgreSQL and Redis
#   make pytest ARGS="tests/APP -x -q"   a part of the suite, without lint
#   make messages   refresh every translation catalogue;  make bench   the benchmarks
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
# The address `make run` listens on: this machine only, unless told (make run HOST=0.0.0.0).
HOST ?= 127.0.0.1
TEST_WORKERS ?= auto
TEST_ENV := DEBUG=false SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=false \
	SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false REQUIRE_2FA=false AXES_ENABLED=true \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver STATIC_MANIFEST=false
LOCALE_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules
LINT := .venv/bin/ruff check .; status=$$?; .venv/bin/ruff format --check . && exit $$status

.PHONY: run test pytest lint compilemessages messages bench

run:
	@HOST=$(HOST) PORT=$(PORT) bash .ci/serve

# Lint does not stop the suite: one run reports both, and fails if either failed.
test: compilemessages
	@echo "==> ruff"; lint=0; ( $(LINT) ) || lint=1; \
	echo "==> pytest -n $(TEST_WORKERS)"; \
	$(TEST_ENV) .venv/bin/pytest -n $(TEST_WORKERS) --dist loadgroup $(ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; fi; \
	if [ $$lint -ne 0 ]; then echo "error: ruff found problems (see above)" >&2; [ $$rc -ne 0 ] || rc=1; fi; \
	exit $$rc

pytest:
	$(TEST_ENV) .venv/bin/pytest $(ARGS)

lint:
	@echo "==> ruff"
	@( $(LINT) )

compilemessages:
	@echo "==> compilemessages"
	@$(TEST_ENV) $(PY) manage.py compilemessages $(LOCALE_IGNORE) -v 0

messages:
	$(PY) -m config.translations

bench:
	$(PY) bench/run.py
