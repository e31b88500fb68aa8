"""Production-safe defaults shared by every environment.

Nothing here is permissive: DEBUG is off, secrets and hosts come from the
environment. ``dev.py`` and ``test.py`` relax what they must; ``production.py``
adds what only a real deployment needs (Redis, HTTPS, manifest static files).
"""

from pathlib import Path

from django.utils.csp import CSP

import dj_database_url

from .env import env_bool, env_int, env_list, env_str, search_backends, sqlite_options

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# How many reverse proxies in front of the app append to X-Forwarded-For.
# 0 means "trust REMOTE_ADDR only"; operations.net.client_ip() relies on it for
# rate limits, so a wrong value lets clients spoof their address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

INSTALLED_APPS = [
    # Our apps first so their templates override third-party ones.
    "core",
    "people",
    "blog",
    "internal",
    "comments",
    "polls",
    "insights",
    "identity",
    # Below every app above: mail outbox, task worker, backups, fail-open cache.
    "operations",
    "social_django",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_comments_xtd",
    "django_comments",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so static files, the HTTPS redirect and early 403s get the headers too.
    "core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers of public pages: answered from the page cache.
    "core.pagecache.PageCacheMiddleware",
    "core.middleware.SiteContentSecurityPolicyMiddleware",
    "core.middleware.UnusableInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Company sign-ins: re-checked at the provider every OIDC_SESSION_CHECK_MINUTES.
    "identity.sessions.ProviderSessionMiddleware",
    # Signed-in users and internal pages: Cache-Control private, no-store.
    "core.middleware.PrivateCacheMiddleware",
    # Signed-in staff without admin rights: a clear 403 inside /admin/.
    "core.middleware.AdminAccessMiddleware",
    # Admin URLs naming a page outside the user's visibility boundary: 404.
    "core.admin_boundary.AdminPageBoundaryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # Replaces Django's built-in csrf_token with one that notes each
                # token rendered: the page cache splices readers' tokens only there.
                "core.pagecache.csrf_token",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # An unreachable database must fail within seconds (core.errors answers
    # 503), not hang every request and worker; an option in DATABASE_URL wins.
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env_int("DB_CONNECT_TIMEOUT", 3),
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif "sqlite3" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"]["OPTIONS"] = {
        **sqlite_options(),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Every login form (ours, Wagtail's admin, Wagtail's frontend login) calls
# authenticate(), so the lockout is enforced here, not per form (internal.auth).
AUTHENTICATION_BACKENDS = ["internal.auth.ThrottledModelBackend"]
# Wagtail's admin password reset uses our form too: rate limited, and the
# address is looked up by a task, never in the request (internal.password_reset).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "internal.forms.PasswordResetRequestForm"  # noqa: S105 - a form class path, not a password  # nosec B105
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Internationalisation: German first, English second -------------------
LANGUAGE_CODE = "de"
# Each language is named in itself, as a reader looks for it.
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language ("2. Dezember 2026" / "2 December 2026").
FORMAT_MODULE_PATH = ["core.formats"]
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, stated on purpose.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Cache ------------------------------------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "stimme-default",
    }
}

# Full-page cache for anonymous readers (core.pagecache): only these views,
# and only what is safe to share. A content change drops it at once; the
# timeout bounds anything no signal reports.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_ALIAS = "default"
# How long a process may reuse the cache generation it read before asking the
# shared cache again: other processes' changes show up that much later on
# anonymous pages. 0 asks on every request (the default; production sets 1).
PAGE_CACHE_GENERATION_SECONDS = env_int("PAGE_CACHE_GENERATION_SECONDS", 0)
# Each process also keeps the pages it served last (up to this many bytes),
# so the hottest pages skip the trip to the shared cache; 0 turns it off.
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 1024 * 1024)
# Fragments shared by every anonymous reader (a post's comment thread), kept
# under the page cache's generation, so any content change drops them too.
# 0 turns them off.
PAGE_FRAGMENT_CACHE_SECONDS = env_int("PAGE_FRAGMENT_CACHE_SECONDS", 300)
PAGE_CACHE_VIEWS = (
    "wagtail.views.serve",
    "core.search.search",
    "core.seo.sitemap",
    "core.seo.robots_txt",
)

# --- Security (safe by default; production.py tightens HTTPS further) ------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script of ours reads these cookies (forms carry the CSRF token, the
# Wagtail admin gets it from its page config), so scripts may not see them.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
# Browser features no page uses are switched off for the site and anything
# it frames; video embeds keep autoplay, fullscreen and picture-in-picture.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)

# Strict policy for every public and internal page: only our own origin,
# no inline script. core.middleware relaxes it for the Wagtail admin only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    # Video embeds load only after a reader clicks (click-to-load), inside
    # an iframe whose origin the embed block adds to frame-src per response.
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# --- Email --------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Stimme <noreply@example.com>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# --- Background tasks: durable queue in the database -------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A dead sender's or worker's claim expires after these (operations.mail,
# operations.task_recovery): the mail or task is then taken over. Longer than
# one SMTP conversation / any task.
OUTBOX_SENDING_LEASE_SECONDS = 10 * 60
TASKS_RUNNING_LEASE_SECONDS = 15 * 60

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Nordlicht Stimme")
# The site's one address (core.site_address): every absolute URL (feeds, sitemap,
# canonical, Open Graph, all mail, Wagtail's own) starts with it, and migrate copies
# it into Wagtail's and django.contrib.sites' site rows. `make run` sets it from PORT.
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "png": "webp", "jpeg": "webp", "gif": "webp"}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = search_backends(DATABASES)
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No Gravatar: the admin must not tell a third party who our editors are.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- Comments (django-comments-xtd; policy lives in the comments app) ---------
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
# Our comment model extends XtdComment (threading) with staff identity,
# official answers and edits; django_comments and xtd both resolve it here.
COMMENTS_XTD_MODEL = "comments.models.StimmeComment"
COMMENT_MAX_LENGTH = 3000
# A form older than this is refused (anti-replay); long enough to write slowly.
COMMENTS_TIMEOUT = 24 * 60 * 60
# Replies may nest this deep (0 = top level); per post type below.
COMMENTS_XTD_MAX_THREAD_LEVEL = 3
COMMENTS_XTD_MAX_THREAD_LEVEL_BY_APP_MODEL = {
    "blog.blogpostpage": 3,
    "internal.internalpostpage": 3,
}
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
# Confirmation is ours (comments.submission): the comment waits in the
# database, the mail carries only a signed reference, never the text.
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_SALT = env_str("COMMENTS_XTD_SALT", "stimme-comments").encode()
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
# Mail goes through core's durable outbox (comments.notifications), never xtd's threads.
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "all",
        "allow_flagging": True,
        "allow_feedback": True,
        "show_feedback": True,
    }
}
# How long confirmation links stay valid, and how long a reader (or the
# author by account) may still edit or delete a published comment.
COMMENTS_CONFIRMATION_DAYS = 7
COMMENTS_EDIT_MINUTES = 15
# A post page shows this many top-level comments (with all their replies);
# longer threads get "Ältere/Weitere Kommentare" links.
COMMENTS_THREADS_PER_PAGE = env_int("COMMENTS_THREADS_PER_PAGE", 30)
# Spam defence needs the address for a while, then it is erased
# (manage.py purge_comment_data, daily by cron).
COMMENTS_IP_RETENTION_DAYS = 30
# Unconfirmed comments are deleted this long after their last link expired.
COMMENTS_PENDING_RETENTION_DAYS = 30
# Anonymous submissions per client address and hour (likes, reports, resends).
COMMENTS_RATE_LIMIT_PER_HOUR = 20
# Flood control for comments, per client address (operations.net.client_ip, which
# honours TRUSTED_PROXY_COUNT) and per email: one per interval, N per hour;
# more is answered with HTTP 429. The same text again within
# COMMENTS_DUPLICATE_MINUTES is refused, as is a form sent sooner than
# COMMENTS_MIN_SUBMIT_SECONDS after it was loaded (bots). 0 turns a rule off.
# Word lists, link limit and the moderation policy are site settings
# (Settings > Comment settings), overridable per post.
COMMENTS_FLOOD_INTERVAL_SECONDS = env_int("COMMENTS_FLOOD_INTERVAL_SECONDS", 15)
COMMENTS_FLOOD_PER_HOUR = env_int("COMMENTS_FLOOD_PER_HOUR", 10)
COMMENTS_DUPLICATE_MINUTES = env_int("COMMENTS_DUPLICATE_MINUTES", 5)
COMMENTS_MIN_SUBMIT_SECONDS = env_int("COMMENTS_MIN_SUBMIT_SECONDS", 3)

# --- Rate limits (core.ratelimit) -----------------------------------------------
# scope: (attempts, seconds), counted in the shared cache; 0 attempts turns a
# limit off. Comment floods, anonymous likes/reports and poll votes count
# through the same helper with their own settings (COMMENTS_FLOOD_*,
# COMMENTS_RATE_LIMIT_PER_HOUR, POLLS_VOTES_PER_IP_PER_HOUR).
RATE_LIMITS = {
    # Failed logins per (account, client address) on any login form (ours,
    # /admin/login/, /_util/login/); the pair is then locked just as long.
    "login": (env_int("LOGIN_MAX_FAILURES", 5), 15 * 60),
    # Failed logins per client address across all accounts (password spraying).
    "login_address": (env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 30), 15 * 60),
    # Password reset requests per email address, and per client address.
    "password_reset": (env_int("PASSWORD_RESET_PER_HOUR", 3), 60 * 60),
    "password_reset_address": (env_int("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", 10), 60 * 60),
    # Likes and reports per signed-in account (by account, not address: an
    # office shares one address). Anonymous readers: COMMENTS_RATE_LIMIT_PER_HOUR.
    "like": (env_int("LIKES_PER_HOUR", 60), 60 * 60),
    "report": (env_int("REPORTS_PER_HOUR", 10), 60 * 60),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}

# Image files always go through core.image_views, which asks who may see
# them (core.image_access); a front server must never serve MEDIA_ROOT
# itself. To let nginx send the bytes after the check, set this to the
# prefix of an `internal` location aliased to MEDIA_ROOT (X-Accel-Redirect).
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "")
# How long browsers and a CDN may keep a *public* image rendition. A post
# unpublished later keeps its pictures in such caches at most this long.
IMAGE_CACHE_SECONDS = env_int("IMAGE_CACHE_SECONDS", 24 * 60 * 60)

# --- Polls and the listening dashboard -----------------------------------------
# A public reader votes once per browser: a random id in this signed cookie
# (the database keeps only a per-poll keyed hash of it). Votes per client
# address and hour on one poll (operations.net.client_ip); more get HTTP 429.
# Generous, because an office or a mobile network shares one address. 0: off.
POLLS_VOTER_COOKIE_NAME = "stimme_poll_voter"
POLLS_VOTER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
POLLS_VOTES_PER_IP_PER_HOUR = env_int("POLLS_VOTES_PER_IP_PER_HOUR", 30)
# Department figures (must-read confirmations) are shown only for groups at
# least this large, so nobody can work out what one colleague did.
INSIGHTS_MIN_GROUP_SIZE = 5
# The weekly summary mail covers this many days up to the moment it is sent.
INSIGHTS_WEEKLY_DAYS = 7

# --- Company sign-in: OpenID Connect, roles, profiles, SCIM (identity) ---------
# Off while OIDC_ISSUER is empty: local accounts work as before. The README's
# "Single sign-on" section has worked examples for Entra ID and Keycloak.
OIDC_ISSUER = env_str("OIDC_ISSUER", "").rstrip("/")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env_list("OIDC_SCOPES", ["openid", "profile", "email"])
# The claim that names a person for good: "sub" (Keycloak, Okta, Google), "oid" for Entra
# ID (its "sub" differs per application, and its SCIM sends the object id).
OIDC_SUBJECT_CLAIM = env_str("OIDC_SUBJECT_CLAIM", "sub")
# Claim -> what it fills; a claim the provider does not send leaves the field alone.
OIDC_CLAIMS = {
    "name": env_str("OIDC_CLAIM_NAME", "name"),
    "email": env_str("OIDC_CLAIM_EMAIL", "email"),
    "job_title": env_str("OIDC_CLAIM_JOB_TITLE", "job_title"),
    "department": env_str("OIDC_CLAIM_DEPARTMENT", "department"),
    "location": env_str("OIDC_CLAIM_LOCATION", "location"),
    "manager": env_str("OIDC_CLAIM_MANAGER", "manager"),
}
# Provider roles or groups -> groups of the permission table (core.roles.GROUPS),
# "value=Group" pairs; Entra: app role values in the "roles" claim. Every group named
# here (and in OIDC_DEFAULT_GROUPS) is the provider's: set at each sign-in, so a
# removal takes effect at the next one. No claim ever grants superuser or is_staff.
OIDC_ROLES_CLAIM = env_str("OIDC_ROLES_CLAIM", "groups")
OIDC_ROLE_MAP = dict(item.split("=", 1) for item in env_list("OIDC_ROLE_MAP") if "=" in item)
OIDC_DEFAULT_GROUPS = env_list("OIDC_DEFAULT_GROUPS", ["Employees"])
# The provider's department names -> ours, "F&E=Forschung & Entwicklung,…" (any case);
# for sign-in claims and SCIM alike. An unmapped department that does not exist yet
# is created under the provider's name.
OIDC_DEPARTMENT_MAP = dict(
    item.split("=", 1) for item in env_list("OIDC_DEPARTMENT_MAP") if "=" in item
)
# A company sign-in's session is re-checked at the provider at most this often
# (never per request): a person disabled there is out within this time, SCIM or not.
OIDC_SESSION_CHECK_MINUTES = env_int("OIDC_SESSION_CHECK_MINUTES", 10)
# Seconds to wait for the provider (discovery, keys, token) before a clear error page.
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
# SCIM 2.0 under /scim/v2/: off while no bearer token is set.
SCIM_BEARER_TOKEN = env_str("SCIM_BEARER_TOKEN", "")
# Without SCIM: accounts of the provider with no sign-in for this many days are
# deactivated by `manage.py deactivate_dormant` (0: never).
IDENTITY_DORMANT_DAYS = env_int("IDENTITY_DORMANT_DAYS", 0)
# Break-glass: with the company sign-in on, only these usernames may log in with a
# password (/login/?local=1); everyone else signs in with the company account. Empty: all.
LOCAL_LOGIN_ONLY_FOR = env_list("LOCAL_LOGIN_ONLY_FOR")

# python-social-auth runs the code flow; identity.backend reads the OIDC_* settings above.
SOCIAL_AUTH_URL_NAMESPACE = "social"
SOCIAL_AUTH_JSONFIELD_ENABLED = True
SOCIAL_AUTH_INACTIVE_USER_URL = "/sso/gesperrt/"
SOCIAL_AUTH_LOGIN_REDIRECT_URL = "/sso/angemeldet/"
SOCIAL_AUTH_LOGIN_ERROR_URL = "/login/"
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "identity.pipeline.match_account",
    "identity.pipeline.apply_provider_data",
)
# Inert while OIDC_ISSUER is empty: it answers only the sign-in views of identity.
# LocalLoginPolicy first: it refuses passwords outside LOCAL_LOGIN_ONLY_FOR.
AUTHENTICATION_BACKENDS = [
    "identity.local_login.LocalLoginPolicy",
    *AUTHENTICATION_BACKENDS,
    "identity.backend.CompanyOpenIdConnect",
]
