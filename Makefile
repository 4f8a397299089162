# The project's commands (see README.md):
#   make run        install what is missing, start PostgreSQL and Redis if needed, migrate, load the demo, serve
#   make test       install what is missing, find or start PostgreSQL and Redis, then translations, lint, mypy, the
#                   deploy check and the whole suite (browser tests included); make test-prepare: all but the suite
#   make pytest ARGS="tests/APP -x -q"   a part of the suite, without lint;  make typecheck   mypy alone
#   make messages   refresh every translation catalogue;  make bench   the benchmarks
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
# The address `make run` listens on: this machine only, unless told (make run HOST=0.0.0.0). Not taken from the
# environment, where some shells keep the machine's name in HOST.
HOST := 127.0.0.1
TEST_WORKERS ?= auto
TEST_ENV := DEBUG=false SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=false \
	SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false REQUIRE_2FA=false AXES_ENABLED=true \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver STATIC_MANIFEST=false
LOCALE_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules
LINT := .venv/bin/ruff check .; status=$$?; .venv/bin/ruff format --check . && exit $$status

TYPECHECK := $(TEST_ENV) .venv/bin/mypy

.PHONY: run test test-prepare suite deploy-check pytest lint typecheck compilemessages messages bench

run:
	@HOST=$(HOST) PORT=$(PORT) bash .ci/serve

# Like `make run`, on a fresh machine: Debian packages (Chromium and poppler too), .venv, PostgreSQL and Redis
# (DATABASE_URL and REDIS_URL exported for pytest), then `make suite`. `make test-prepare` stops before it.
test:
	@bash .ci/test

test-prepare:
	@bash .ci/test --prepare-only

# Lint, the type check and the deploy check do not stop the suite: one run reports all, and fails if any failed.
suite: compilemessages
	@echo "==> ruff"; lint=0; ( $(LINT) ) || lint=1; \
	echo "==> mypy"; types=0; $(TYPECHECK) || types=1; \
	echo "==> check --deploy (production settings of .env.example)"; deploy=0; $(PY) .ci/deploy_check.py || deploy=1; \
	echo "==> pytest -n $(TEST_WORKERS)"; \
	$(TEST_ENV) .venv/bin/pytest -n $(TEST_WORKERS) --dist loadgroup $(ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; fi; \
	if [ $$lint -ne 0 ]; then echo "error: ruff found problems (see above)" >&2; [ $$rc -ne 0 ] || rc=1; fi; \
	if [ $$types -ne 0 ]; then echo "error: mypy found problems (see above)" >&2; [ $$rc -ne 0 ] || rc=1; fi; \
	if [ $$deploy -ne 0 ]; then echo "error: check --deploy failed (see above)" >&2; [ $$rc -ne 0 ] || rc=1; fi; \
	exit $$rc

deploy-check:
	@$(PY) .ci/deploy_check.py

pytest:
	$(TEST_ENV) .venv/bin/pytest $(ARGS)

lint:
	@echo "==> ruff"
	@( $(LINT) )

# The apps and config against Django's types; configured in pyproject.toml ([tool.mypy]), cached in .mypy_cache.
typecheck:
	@echo "==> mypy"
	@$(TYPECHECK)

compilemessages:
	@echo "==> compilemessages"
	@$(TEST_ENV) $(PY) manage.py compilemessages $(LOCALE_IGNORE) -v 0

messages:
	$(PY) -m config.translations

bench:
	$(PY) bench/run.py

# A bounded load (16 users, 60 s per mix) on gunicorn with production settings: our pages against the admin's.
.PHONY: loadtest
loadtest:
	$(PY) bench/loadtest.py $(ARGS)
