"""Settings for the tenant back office, every value from the environment (see .env.example)."""

import ipaddress
from pathlib import Path

import environ
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY", default="insecure-development-key-change-me" if DEBUG else environ.Env.NOTSET
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Printed in the header of every rendered form.
BUILDING_MANAGEMENT_NAME = env.str("BUILDING_MANAGEMENT_NAME", default="")

INSTALLED_APPS = [
    # The project's apps come first so that their translations and templates take precedence.
    "documents",
    "tenancy",
    "leasing",
    "handover",
    "billing",
    "fitout",
    "servicedesk",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tenancy.middleware.StaffAreaMiddleware",
    "axes.middleware.AxesMiddleware",
    # A request the object store fails gets a page saying so (503) rather than a bare server error.
    "documents.storage_health.StorageFailureMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/backoffice"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="bo"),
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Staff passwords guard the whole back office: at least 12 characters (portal users keep the default 8).
    {"NAME": "tenancy.accounts.passwords.StaffMinimumLengthValidator", "OPTIONS": {"min_length": 12}},
]
# Sessions in PostgreSQL: any web machine serves any request (never a per-process or file-based engine).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A staff session ends after this many seconds without a request (a working day); portal sessions keep
# Django's SESSION_COOKIE_AGE (two weeks).
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=10 * 60 * 60)
# Links in password reset e-mails stay valid this long (seconds).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 60 * 60)

# Lockout after repeated failed logins; the lock expires on its own.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Lock the client, not the proxy in front of it (documents.clientip believes X-Forwarded-For only from
# TRUSTED_PROXIES); without this, axes would take the header from anyone.
AXES_CLIENT_IP_CALLABLE = "documents.clientip.client_ip"

# Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed: the client address in
# lock-outs, throttles, signatures and download records. Empty: every client is the address that connects.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo fails at start-up, not silently at the first request

# TOTP second factor (with backup codes), offered to every staff member; when on, required for the roles
# that approve, pay or see confidential data (tenancy.roles.TWO_FACTOR_ROLES, and whoever may see
# confidential data).
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Tenant Back Office")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names need collectstatic first: on in production, off for tests and the demo.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded and rendered documents live outside static and public media and are only served by a view, in
# the "documents" storage: the disk under DOCUMENT_ROOT (local, the default) or an S3-compatible object store
# (s3: AWS S3, SeaweedFS, MinIO...), which every web and worker machine then shares. A misconfigured store is
# reported by `manage.py check` and /healthz; it never falls back to the disk.
DOCUMENT_ROOT = env.path("DOCUMENT_ROOT", default=BASE_DIR / "var" / "documents")
DOCUMENT_STORAGE = env.str("DOCUMENT_STORAGE", default="local")
DOCUMENT_STORAGE_BACKENDS = {
    "local": {"BACKEND": "documents.storage.PrivateStorage"},
    "s3": {
        "BACKEND": "documents.storage.PrivateS3Storage",
        "OPTIONS": {
            "endpoint_url": env.str("DOCUMENT_S3_ENDPOINT_URL", default="") or None,
            "bucket_name": env.str("DOCUMENT_S3_BUCKET", default=""),
            "access_key": env.str("DOCUMENT_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("DOCUMENT_S3_SECRET_ACCESS_KEY", default="") or None,
            "region_name": env.str("DOCUMENT_S3_REGION", default="us-east-1"),
            # path: endpoint/bucket/key (SeaweedFS, MinIO); virtual: bucket.endpoint/key (AWS).
            "addressing_style": env.str("DOCUMENT_S3_ADDRESSING_STYLE", default="path"),
            "location": env.str("DOCUMENT_S3_PREFIX", default=""),
        },
    },
}
if DOCUMENT_STORAGE not in DOCUMENT_STORAGE_BACKENDS:
    raise ImproperlyConfigured(
        f"DOCUMENT_STORAGE={DOCUMENT_STORAGE!r}: choose one of {', '.join(DOCUMENT_STORAGE_BACKENDS)}."
    )
STORAGES["documents"] = DOCUMENT_STORAGE_BACKENDS[DOCUMENT_STORAGE]
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Pictures stating more pixels than this are refused before decoding (a small file can unpack to gigabytes).
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=50_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="backoffice@localhost")
# Seconds to wait for the mail server before a notice's e-mail task fails and is retried later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Celery: Redis broker, late acks, tasks re-queued when a worker dies, beat schedule in config/celery.py.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# Longer than the longest task, so a slow task is not delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / "var" / "celerybeat-schedule")
)
# One beat per deployment: beat holds a lock in Redis (config/beat.py), refreshed on every tick (at least
# once a minute); another beat waits until the lock is free or expires.
CELERY_BEAT_SCHEDULER = "config.beat:LockedScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
CELERY_BEAT_LOCK_KEY = env.str("CELERY_BEAT_LOCK_KEY", default="backoffice:beat-lock")
CELERY_BEAT_LOCK_TIMEOUT = 5 * 60

# HTTPS and cookies: on in production (DEBUG off), overridable for a plain-HTTP demo.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# Preloading (hstspreload.org) binds the domain to HTTPS for months and is hard to undo: only on request.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# So the deploy check's reminder to preload (security.W021) is silenced while preloading is off by choice.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
)
# Container and load-balancer probes speak plain HTTP to the app itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from our own static files, never inline (templates load
# static/js/*.js; a test keeps templates free of inline scripts and on...= handlers). Styles may be inline:
# templates use style attributes and small <style> blocks, and htmx adds its indicator style. Bootstrap's
# form controls draw their icons from data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF, CSP_UNSAFE_INLINE],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    },
}
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Service desk: office hours for the working-time SLAs (Chinese working days), the clocks, follow-up, photos.
SERVICE_OFFICE_OPENS = env.str("SERVICE_OFFICE_OPENS", default="09:00")
SERVICE_OFFICE_CLOSES = env.str("SERVICE_OFFICE_CLOSES", default="18:00")
SERVICE_ACKNOWLEDGE_HOURS = env.int("SERVICE_ACKNOWLEDGE_HOURS", default=24)
SERVICE_URGENT_MINUTES = env.int("SERVICE_URGENT_MINUTES", default=60)
SERVICE_COMPLAINT_ANSWER_WORKING_DAYS = env.int("SERVICE_COMPLAINT_ANSWER_WORKING_DAYS", default=1)
SERVICE_AT_RISK_HOURS = env.int("SERVICE_AT_RISK_HOURS", default=4)
SERVICE_FOLLOW_UP_DAYS = env.int("SERVICE_FOLLOW_UP_DAYS", default=7)
SERVICE_PHOTO_MAX_BYTES = env.int("SERVICE_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)

# Intake: days to sign the lease after an admission notice, the reminder before that, public page posts per
# address and hour, days between credit assessments.
ADMISSION_SIGNING_DAYS = env.int("ADMISSION_SIGNING_DAYS", default=15)
ADMISSION_REMINDER_DAYS = env.int("ADMISSION_REMINDER_DAYS", default=3)
INTAKE_PUBLIC_MAX_PER_HOUR = env.int("INTAKE_PUBLIC_MAX_PER_HOUR", default=5)
CREDIT_REASSESS_DAYS = env.int("CREDIT_REASSESS_DAYS", default=365)

# Billing: late fees on a bill stop at this percentage of its total. (Every deposit refund needs a second
# person, whatever the amount.)
BILLING_LATE_FEE_CAP_PERCENT = env.int("BILLING_LATE_FEE_CAP_PERCENT", default=30)

# Archive: years a kind of document is kept after the tenant's dossier is archived at move-out, as
# ``kind=years`` pairs (kinds not listed are kept); a reminder this many days before a licence or ID expires;
# the check of who may see archived dossiers (tenancy owns the roles; documents sits below it).
DOCUMENT_RETENTION_YEARS = {
    kind: int(years)
    for kind, years in env.dict(
        "DOCUMENT_RETENTION_YEARS",
        default={},  # the years each app registers for its kinds (documents.kinds)
    ).items()
}
DOCUMENT_EXPIRY_REMINDER_DAYS = env.int("DOCUMENT_EXPIRY_REMINDER_DAYS", default=60)
DOCUMENT_ARCHIVE_ACCESS = "tenancy.access.can_see_archive"

# The audit trail's context (who, which page) is attached to the statements of requests that write. Reads
# (GET) write nothing (tests/test_get_writes.py), so page views do not pay for a second statement on every
# query.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# The REST API (/api/v1/, schema at /api/v1/schema/, documentation at /api/v1/docs/): staff integrations call
# with an API key management creates, portal apps with a tenant token; JSON only, one error body.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["documents.api.auth.BearerAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["documents.api.throttles.CredentialRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "documents.api.pagination.ApiPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["documents.api.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "documents.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}
# Calls per key, per tenant token, and per address without either (obtaining a token), in DRF's notation.
API_THROTTLE_RATES = {
    "key": env.str("API_THROTTLE_KEY", default="600/min"),
    "token": env.str("API_THROTTLE_TOKEN", default="120/min"),
    "anonymous": env.str("API_THROTTLE_ANONYMOUS", default="20/min"),
}
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1024 * 1024)
API_TENANT_TOKEN_DAYS = env.int("API_TENANT_TOKEN_DAYS", default=30)
# Webhook deliveries: attempts per delivery (back-off doubling from WEBHOOK_RETRY_SECONDS), hours of failures
# before an endpoint is paused, seconds to wait for the receiver; plain http only for the hosts named here
# (tests: a receiver on this machine), HTTPS for every other.
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=10)
WEBHOOK_RETRY_SECONDS = env.int("WEBHOOK_RETRY_SECONDS", default=30)
WEBHOOK_PAUSE_AFTER_HOURS = env.int("WEBHOOK_PAUSE_AFTER_HOURS", default=24)
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_HTTP_HOSTS = env.list("WEBHOOK_HTTP_HOSTS", default=[])
# Who is told that an endpoint was paused (documents knows no roles; tenancy tells management).
WEBHOOK_PAUSED_NOTIFY = "tenancy.integrations.webhooks.webhook_paused_tell"
SPECTACULAR_SETTINGS = {
    "TITLE": "Tenant back office API",
    "DESCRIPTION": "Buildings, tenants, leases, bills and tickets for the systems around the building.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Choice sets that share a field name get a stable name of their own (else W001, and a hashed name).
    "ENUM_NAME_OVERRIDES": {
        "TicketKindEnum": "servicedesk.models.Ticket.Kind",
        "TenantKindEnum": "tenancy.models.Tenant.Kind",
        "MeterRoundStatusEnum": "handover.models.MeterRound.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "documents.api.schema.add_error_responses",
    ],
}
