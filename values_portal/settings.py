"""Settings for the VALUES Portal.

Every value is read from the environment, has a safe development default and
fails loudly when it is wrong. The README lists each variable.
"""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for local development, set DJANGO_DEBUG=true)."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 - debug only

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # SearchVectorField (toolkit's stored search vectors) is checked against it.
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    # The open data API (api/) and its OpenAPI document; Swagger UI's files, served
    # from the portal's own static files.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    # The task queue's table and its worker (manage.py db_worker), for TASKS below.
    "django_tasks_db",
    # The portal, bottom to top (README, "Layout"): what every app shares, accounts,
    # the domain apps, then the pages of each audience over them.
    "core",
    "values_portal.users",
    "cities",
    "toolkit",
    "exchanges",
    "network",
    "accounts",
    "workspace",
    "reporting",
    "follows",
    "api",
    "ops",
    "demo",
    # Last: deletes a stored file once its row is deleted or the file replaced
    # (logos, resources, plan versions, documents, evidence), after the commit.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy and Cross-Origin-Resource-Policy, which Django does not send.
    "ops.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out compressed (a tenth of the bytes); static files are compressed once by
    # whitenoise, above. BREACH needs a secret in a page that also reflects the attacker's
    # text: the CSRF token is masked anew for every response, Django pads each compressed
    # response with random bytes, and SameSite=Lax cookies keep other sites' requests
    # anonymous. Shared anonymous pages are compressed once (core/cache.py).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ops.middleware.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After AccountMiddleware: coordinators set up two-factor before the admin.
    "values_portal.users.middleware.CoordinatorTwoFactorMiddleware",
    # The admin has no language prefix: it speaks the language staff last read the portal in.
    "values_portal.users.middleware.StaffLanguageMiddleware",
    # Records who made each change to practices and plans (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, so that its page gets the CSP nonce, the user and the language.
    "ops.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "values_portal.urls"
WSGI_APPLICATION = "values_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
    # The templates a page renders many times, such as the practice card (core/jinja2.py).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "OPTIONS": {"environment": "core.jinja2.environment"},
    },
]

# Django's form renderer, with selects written in Python: the same HTML, a fraction of the
# time for a filter's list of two hundred partners (core/forms_renderer.py).
FORM_RENDERER = "core.forms_renderer.FastSelectRenderer"

# Database: SQLite for development, PostgreSQL (DATABASE_URL) in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # A page's queries are the same SQL at every request, only their values change:
    # PostgreSQL plans each once per connection instead of at every request (planning
    # was most of the time of a partner page's small queries). This needs the values
    # sent apart from the SQL (server-side binding) and persistent connections; turn it
    # off behind a pooler that cannot keep prepared statements (PgBouncer in
    # transaction mode before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Indexes carrying extra columns (INCLUDE) let PostgreSQL count from the index alone;
# SQLite (development) builds them on their key columns only, which is all it needs.
SILENCED_SYSTEM_CHECKS = (
    ["models.W040"] if DATABASES["default"]["ENGINE"].endswith("sqlite3") else []
)

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. The interface speaks the partners' ten languages (one
# catalogue each in locale/); every public page lives under its language prefix
# (/en/…, /it/…, /lv/…), see urls.py. The switcher names each language in itself
# (core/language_urls.py).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("cs", _("Czech")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("lv", _("Latvian")),
    ("el", _("Greek")),
    ("fr", _("French")),
    ("fi", _("Finnish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own way, with a few choices of the portal's (core/formats/).
FORMAT_MODULE_PATH = ["core.formats"]
# Content (practices, clusters, partners, study visits) may be written in any of
# the partners' languages: django-modeltranslation adds one column per language
# (title_en, title_it, title_de…). English, the network's working language, is
# the one every record has; a page shows the reader's language when it exists,
# otherwise the original, labelled (templates/includes/_content_language.html).
MODELTRANSLATION_LANGUAGES = ("en", "it", "nl", "cs", "de", "es", "lv", "el", "fr", "fi")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = MODELTRANSLATION_LANGUAGES
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Static and uploaded files.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files live in MEDIA_ROOT, or in an S3-compatible bucket when
# AWS_STORAGE_BUCKET_NAME is set (django-storages, imported only then). Either way
# they are never served at an address of their own: views check who may download
# what and stream the file. Objects are written without an ACL, so they keep the
# bucket's default (private); keep the bucket's public access blocked.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "location": os.environ.get("AWS_LOCATION", "media").strip("/"),
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        # Custom domains would turn signed addresses into public ones.
        "custom_domain": None,
    }
    for _option, _variable in [
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ]:
        if os.environ.get(_variable):
            _s3_options[_option] = os.environ[_variable]
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads larger than this are refused by the forms that accept files.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# Security.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF token from the cookie: forms carry it in a hidden field.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent by ops.middleware: the portal needs none of these browser features
# (were passkeys added to MFA_SUPPORTED_TYPES, publickey-credentials-get must go).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Sign-in and sign-up limits count per client, not per proxy: the client's address is
    # the X-Forwarded-For entry added by the last of this many proxies (README, "Deploy").
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1)
# Load balancers ask for the health check over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# The portal's name wherever it shows: pages and their titles, PDFs, feeds, the calendar,
# the open data, the admin, mails (greeting, signature, subject prefix) and authenticator
# apps. A network may run it under its own name: a proper name, the same in every language.
PORTAL_NAME = os.environ.get("DJANGO_PORTAL_NAME", "VALUES Portal").strip()
if not PORTAL_NAME:
    raise ImproperlyConfigured("DJANGO_PORTAL_NAME must not be empty.")

# The open data API (api/): anonymous, read-only, JSON only; described by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "api.views.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# The licence of the open data, as the DCAT-AP catalogue (/api/catalogue.jsonld) states it.
DATA_LICENCE_URL = os.environ.get(
    "DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
).strip()
if not DATA_LICENCE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"DATA_LICENCE_URL={DATA_LICENCE_URL!r} must be a URL.")
SPECTACULAR_SETTINGS = {
    "OAS_VERSION": "3.1.0",
    "TITLE": f"{PORTAL_NAME} open data",
    "DESCRIPTION": (
        "Read-only JSON of what the portal's public pages show: published practices, "
        "study visits, staff exchanges, public action plans, transfers and key figures."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two kinds of "status" (of an activity, of a plan's action): one name each.
    "ENUM_NAME_OVERRIDES": {
        "ActivityStatusEnum": "exchanges.models.ActivityStatus",
        "ActionStatusEnum": "exchanges.models.ActionStatus",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# The admin lives at a path chosen by environment in production.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Cache: one Redis shared by every server process when REDIS_URL is set (sessions,
# allauth's login and sign-up rate limits), else each process's own memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL={REDIS_URL!r} is not a Redis address; use redis://host:6379/0."
        )
    CACHES = {
        "default": {
            # Redis down or slow: pages, sign-in and sign-up go on without the cache.
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "values"),
            # A Redis that stops answering costs one request half a second, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pages and fragments that are the same for every visitor (core/cache.py) are
# replaced at once when content changes, and kept this many seconds at most.
CONTENT_CACHE_SECONDS = env_int("CONTENT_CACHE_SECONDS", 600)
# A plan's download counter counts a person once in this many seconds, not every click.
DOWNLOAD_REPEAT_SECONDS = env_int("DOWNLOAD_REPEAT_SECONDS", 3600)
# A coordinator's invitation to join an organisation is valid for this many days.
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)
# Without Redis, the token that says which cached pages are current lives in this file,
# read by every process of the machine (core/cache.py).
CONTENT_VERSION_FILE = os.environ.get(
    "CONTENT_VERSION_FILE",
    str(
        Path(tempfile.gettempdir())
        / f"values-content-version-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]}"
    ),
)
# Sessions are read from the cache and written through to the database, so a
# restarted or emptied Redis signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Everybody signs in again after 14 days at most; coordinators and editors after
# STAFF_SESSION_IDLE_SECONDS without a request (values_portal.users.middleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 4 * 3600)

# Logging: one JSON object per line on standard output (DJANGO_LOG_FORMAT=json, the
# default without debug) for log collectors, or plain lines for a developer.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json").strip().lower()
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT={LOG_FORMAT!r} must be json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "ops.log.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# django-simple-history: coordinators read the history of practices and plans in
# the admin (the view permission on the historical models, given to the group by
# values_portal/users/migrations/0004); nobody edits history, and reverting is left
# to ordinary edits, which are recorded in turn.
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# django-import-export: coordinators export any changelist they may view.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# --- Accounts, two-factor authentication and email ------------------------------
# (PORTAL_NAME, which the mails below use, is set further up.)

# django-allauth: the email address is the login, verified before first use.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:account"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# One address per account: a change takes effect when the new address is confirmed.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# A field people never see; bots that fill it in get a fake "check your email" page.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "contact_number"
ACCOUNT_FORMS = {
    "login": "values_portal.users.forms.LoginForm",
    "signup": "values_portal.users.forms.SignupForm",
    "reset_password": "values_portal.users.forms.ResetPasswordForm",
    "reset_password_from_key": "values_portal.users.forms.ResetPasswordKeyForm",
    "change_password": "values_portal.users.forms.ChangePasswordForm",
    "set_password": "values_portal.users.forms.SetPasswordForm",
}
ACCOUNT_ADAPTER = "values_portal.users.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_PREVENT_ENUMERATION = True
# Login and sign-up rate limits are allauth's defaults (on); they are counted in
# the cache, so several server processes need a shared cache in production.
# allauth.mfa: an authenticator app (TOTP) with recovery codes, open to everyone;
# values_portal.users.middleware makes it compulsory for coordinators.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = PORTAL_NAME

# Email (Django 6.1 MAILERS): the console in development unless SMTP_HOST is set,
# SMTP configured from the environment otherwise.
SMTP_HOST = os.environ.get("SMTP_HOST", "")
if DEBUG and not SMTP_HOST:
    # Prints each message decoded, so that the links in it can be opened whole.
    MAILERS = {"default": {"BACKEND": "core.mail.ConsoleBackend"}}
else:
    _smtp_use_tls = env_bool("SMTP_USE_TLS", True)
    _smtp_use_ssl = env_bool("SMTP_USE_SSL", False)
    if _smtp_use_tls and _smtp_use_ssl:
        raise ImproperlyConfigured("Set at most one of SMTP_USE_TLS and SMTP_USE_SSL to true.")
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST or "localhost",
                "port": env_int("SMTP_PORT", 465 if _smtp_use_ssl else 587),
                "username": os.environ.get("SMTP_USER", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": _smtp_use_tls,
                "use_ssl": _smtp_use_ssl,
                "timeout": env_int("SMTP_TIMEOUT", 10),
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", f"{PORTAL_NAME} <noreply@localhost>"
)
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Where the accessibility statement's form sends reports of barriers (network/services.py).
# Empty outside debug until it is set: `manage.py check --deploy` warns (network.W001).
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get(
    "ACCESSIBILITY_CONTACT_EMAIL", "accessibility@localhost" if DEBUG else ""
).strip()
if ACCESSIBILITY_CONTACT_EMAIL:
    try:
        validate_email(ACCESSIBILITY_CONTACT_EMAIL)
    except ValidationError:
        raise ImproperlyConfigured(
            f"ACCESSIBILITY_CONTACT_EMAIL={ACCESSIBILITY_CONTACT_EMAIL!r} is not an email address."
        ) from None
# The task queue (Django's Tasks framework): all mail the portal sends about a
# change, and the digests, go through it. "immediate" runs a task inside the
# request (development, tests); "database" stores it for `manage.py db_worker`.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django.tasks.backends.dummy.DummyBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={_task_backend!r} is not one of {', '.join(TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend]}}
# A message the mail server refused is tried again after 1, 4, 16… times this.
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 5)
if MAIL_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("MAIL_MAX_ATTEMPTS must be at least 1.")

# The portal's address, for links in mail written without a request (digests, the daily
# study visit mail); and the digest frequency of people who never chose one.
PORTAL_URL = os.environ.get(
    "DJANGO_PORTAL_URL",
    "http://127.0.0.1:8000" if DEBUG else (f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else ""),
).rstrip("/")
if PORTAL_URL and not PORTAL_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"DJANGO_PORTAL_URL={PORTAL_URL!r} must start with https:// or http://."
    )
DIGEST_DEFAULT_FREQUENCY = "weekly"
