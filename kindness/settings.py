"""Settings for Flip the Counter, read from the environment with development defaults.

Nothing needs to be set to run the site locally. With DJANGO_DEBUG=false the site refuses to start
without a real secret key, and `manage.py check --deploy` passes without warnings.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from kindness.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_redis_url,
    env_str,
    sqlite_database,
)
from kindness.mail_env import mailer_from_env
from kindness.storage import object_storage_from_env

BASE_DIR = Path(__file__).resolve().parent.parent
# The SQLite database, uploads and collected static files; created by the commands that write
# there (migrate makes the SQLite database's folder), never by importing the settings.
VAR_DIR = Path(env_str("DJANGO_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", True)

DEV_SECRET_KEY = "dev-only-secret-key-never-used-when-debug-is-off"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "With DJANGO_DEBUG off, set DJANGO_SECRET_KEY to a random value of 50 or more characters."
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "taggit",
    "kindness",
    "accounts",
    "stories",
    "moderation",
    "pledges",
    # Before django_tasks_db: its db_worker command is ours (outbox/management/commands/).
    "outbox",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: health probes are answered before host checks, HTTPS redirects and sessions.
    "kindness.health.HealthProbes",
    "kindness.request_log.RequestLog",
    "django.middleware.security.SecurityMiddleware",
    "kindness.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the member read by a query built once per process (kindness.signed_in).
    "kindness.signed_in.Authentication",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "moderation.second_factor.SecondFactorGate",
]

ROOT_URLCONF = "kindness.urls"
WSGI_APPLICATION = "kindness.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} with argument-less addresses reversed once per process.
            "builtins": ["kindness.templatetags.kept_url"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "kindness.context_processors.site",
                # The moderators' link is a hole (stories.holes), filled from
                # moderation.context_processors.moderation for each request.
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
DATABASES = {
    "default": database_from_url(DATABASE_URL, base_dir=BASE_DIR)
    if DATABASE_URL
    else sqlite_database(VAR_DIR / "db.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SEARCH_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "flip-the-counter-search",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}

# Rate limits (allauth's, and ours) count in `default`, which every server process shares: in a
# per-process cache each gunicorn worker would count on its own. Its table is made by migration
# accounts.0002_cache_table. Pages cached for visitors (stories.caching) stay in process memory.
# With REDIS_URL set, both move to Redis (the block "Beyond one machine" below).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kindness_cache",
        # Culling deletes live entries, not only expired ones: room enough that a flood of
        # attempts under fresh names cannot push real counters out.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "flip-the-counter-pages",
        # Reader pages cached for visitors (stories.caching): about 20 kB each.
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Each search's ranked candidates and change-log position (stories.search_kept), a few tens
    # of kB each; in each process's memory even with Redis, as it is read on every search.
    "search": SEARCH_CACHE,
    # Rendered story cards (stories.cards), about 1.5 kB each, keyed on what each one shows.
    "cards": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "flip-the-counter-cards",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_USER_MODEL = "accounts.User"
# Django's database sessions, read by a query built once per process (kindness.signed_in).
SESSION_ENGINE = "kindness.signed_in"
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the login; verification is required before anything is shared.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_FORMS = {
    "login": "accounts.entrance_forms.LoginForm",
    "add_email": "accounts.entrance_forms.AddEmailForm",
    "reauthenticate": "accounts.entrance_forms.ReauthenticateForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Flip the Counter] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Adding or changing an email address asks for the password again, even in a fresh session: an
# open session alone must not be enough to take the account over. A password change asks for the
# current password in its own form.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# The primary address is told of every change to the email, password (and second factor).
ACCOUNT_EMAIL_NOTIFICATIONS = True

# Second factor (allauth.mfa): an authenticator app with recovery codes, or a passkey. Moderators
# and staff cannot open /moderation/ or /admin/ until they enrol one (moderation.second_factor).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Flip the Counter"
# Passkeys are a second factor here, not a way to log in without a password.
MFA_PASSKEY_LOGIN_ENABLED = False
# The passkey's relying party is the host of the request; browsers accept plain http only on
# localhost (use http://localhost:8000, not 127.0.0.1, to add a passkey while developing).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Photos in an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set (with AWS_S3_ENDPOINT_URL,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME, AWS_S3_ADDRESSING_STYLE,
# AWS_LOCATION): private objects, served only through the photo view (kindness/storage.py).
if photo_bucket := object_storage_from_env():
    STORAGES["default"] = photo_bucket

# Email and background tasks (outbox/). Every email is written to the outbox and enqueued in the
# transaction of the change it reports; workers (`manage.py db_worker`) deliver it, retrying
# with a doubling delay. The backend: console while developing, SMTP from the environment in
# production (kindness/mail_env.py); tests use locmem.
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Flip the Counter <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {"default": mailer_from_env(default="console" if DEBUG else "smtp", var_dir=VAR_DIR)}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# allauth's emails (verification, reset, notices) go through the same queue.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# The first retry waits this long, each next one twice as long, up to EMAIL_RETRY_MAX_SECONDS.
EMAIL_RETRY_BASE_SECONDS = env_int("DJANGO_EMAIL_RETRY_BASE_SECONDS", 10, minimum=1)
EMAIL_RETRY_MAX_SECONDS = env_int("DJANGO_EMAIL_RETRY_MAX_SECONDS", 3600, minimum=1)
# About two and a half days of hourly retries before an email is given up (and logged).
EMAIL_MAX_ATTEMPTS = env_int("DJANGO_EMAIL_MAX_ATTEMPTS", 70, minimum=1)
# How often a worker looks for emails whose delivery task died with its worker, and how late
# an email must be before it counts as such.
EMAIL_SWEEP_SECONDS = env_int("DJANGO_EMAIL_SWEEP_SECONDS", 60, minimum=1)
# How often each task worker looks for weekly thanks digests that are due (stories.digests): a
# digest goes out at most once a week whatever this is; it only bounds how late one can be.
THANKS_DIGEST_CHECK_SECONDS = env_int("THANKS_DIGEST_CHECK_SECONDS", 3600, minimum=60)
# Work each task worker runs beside its email sweep, at start and then every so many seconds
# (outbox/management/commands/db_worker.py): dotted path of a function taking no arguments.
WORKER_PERIODIC_JOBS = {"stories.digests.send_thanks_digests": THANKS_DIGEST_CHECK_SECONDS}

# Security. The CSP allows our own files only: no inline scripts or styles anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The public address of the site, for links in emails sent outside a request.
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Product rules that operators may tune.
STORIES_PER_PAGE = 20
# How many stories one member may send for review in 24 hours (the load test raises it).
STORIES_PER_DAY = env_int("STORIES_PER_DAY", 5, minimum=1)
# Open community flags that hide a published story until a moderator looks at it.
FLAGS_TO_HIDE = env_int("FLAGS_TO_HIDE", 3, minimum=1)
# Photos one member may send to be processed (previews included) in an hour (stories.photos).
PHOTO_UPLOADS_PER_HOUR = env_int("PHOTO_UPLOADS_PER_HOUR", 20, minimum=1)
FLAG_MIN_ACCOUNT_DAYS = env_int("FLAG_MIN_ACCOUNT_DAYS", 3, minimum=0)  # account age to flag
# Days after "I'll try this" before the one "How did it go?" email (pledges.reminders).
PLEDGE_REMINDER_DAYS = env_int("PLEDGE_REMINDER_DAYS", 7, minimum=1)
FLAGS_PER_DAY = env_int("FLAGS_PER_DAY", 10, minimum=1)  # flags one member may send in 24 hours

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Beyond one machine: shared cache and limits, health probes, request log (deploy/README.md) ---
# With REDIS_URL, the rate limits (`default`) and the visitors' page cache (`pages`) live in Redis,
# shared by every app server; REDIS_PAGES_URL may put the pages on a Redis of their own, so a flood
# of page misses can never push rate-limit counters out of memory. kindness.redis_cache treats
# Redis being down as a miss for pages and a refusal for rate limits (fail closed).
REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "kindness.redis_cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "limits",
        },
        "pages": {
            "BACKEND": "kindness.redis_cache.ForgivingRedisCache",
            "LOCATION": env_redis_url("REDIS_PAGES_URL") or REDIS_URL,
            "KEY_PREFIX": "pages",
        },
        "cards": {
            "BACKEND": "kindness.redis_cache.ForgivingRedisCache",
            "LOCATION": env_redis_url("REDIS_PAGES_URL") or REDIS_URL,
            "KEY_PREFIX": "cards",
        },
        "search": SEARCH_CACHE,
    }
# Behind the proxy, every request comes from the proxy's address: allauth's limits per address
# (30 logins a minute...) must count the client's, the last one the proxy adds to
# X-Forwarded-For. Safe only while app servers are reachable through the proxy alone: a client
# reaching them directly could name any address (deploy/README.md).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int(
    "DJANGO_TRUSTED_PROXY_COUNT", 1 if env_bool("DJANGO_BEHIND_PROXY", False) else 0
)
# /readyz answers 503 when the oldest waiting task has waited longer than this (0: never).
READYZ_TASK_MAX_AGE = env_int("READYZ_TASK_MAX_AGE", 15 * 60, minimum=0)
# One JSON line per request on the log, every log line as JSON with its request's id, and the id
# sent back as X-Request-ID (an incoming one is kept when it is well formed, e.g. the proxy's).
REQUEST_LOG = env_bool("DJANGO_REQUEST_LOG", False)
if REQUEST_LOG:
    LOGGING["formatters"] = {"json": {"()": "kindness.request_log.JsonFormatter"}}
    LOGGING["filters"] = {"request_id": {"()": "kindness.request_log.RequestIdFilter"}}
    LOGGING["handlers"]["console"].update(formatter="json", filters=["request_id"])
    LOGGING["loggers"] = {"kindness.requests": {"level": "INFO"}}
