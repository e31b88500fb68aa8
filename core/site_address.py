"""The site's one address: every absolute URL we build starts with ``base_url()``.

The address comes from the environment variable ``BASE_URL`` (read into
``WAGTAILADMIN_BASE_URL`` in ``settings/base.py``, the setting Wagtail's own
mails already use). Two other ideas of the address exist and are kept as
copies of it, never edited by hand:

- Wagtail's default ``Site`` (hostname, port): ``page.full_url``, the
  sitemap and Wagtail's page links are built from it;
- ``django.contrib.sites``' ``Site.domain``: django-comments-xtd and
  Django's syndication framework read it.

``sync_sites()`` writes both copies. It runs after every ``migrate`` (so
the release step and ``make run`` refresh them) and in ``seed_demo``.

Why not the request's ``Host`` header: it is what the client says, so a
mail queued from a request to a forged host would carry links there, and a
cached page would keep whatever host its first reader used.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

from wagtail.models import Site


@dataclass(frozen=True)
class SiteAddress:
    """``BASE_URL`` taken apart: what Wagtail's and Django's site rows store."""

    scheme: str
    hostname: str
    port: int

    @property
    def netloc(self) -> str:
        """``host`` or ``host:port`` (the default port of the scheme is left out)."""
        default = 443 if self.scheme == "https" else 80
        return self.hostname if self.port == default else f"{self.hostname}:{self.port}"


def base_url() -> str:
    """``scheme://host[:port]`` of the site, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """``path`` (root-relative) as an absolute URL on this site.

    Already absolute URLs (media on object storage, say) pass through.
    """
    if path.startswith(("http://", "https://")):
        return path
    if path.startswith("//"):
        return urlsplit(base_url()).scheme + ":" + path
    return base_url() + "/" + path.lstrip("/")


def site_address() -> SiteAddress:
    """``BASE_URL`` parsed; a clear error for one the site rows cannot express."""
    raw = base_url()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"BASE_URL {raw!r} is not a URL: {error}") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"BASE_URL must look like https://stimme.example.org (got {raw!r})"
        )
    if parts.path or parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(
            f"BASE_URL is scheme, host and port only, no path or query (got {raw!r})"
        )
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    # Wagtail's Site.root_url says https only for port 443 and http for every
    # other port: anything else would make page links disagree with BASE_URL.
    if (parts.scheme == "https") != (port == 443):
        raise ImproperlyConfigured(
            f"BASE_URL {raw!r}: Wagtail's site address supports https on port 443 "
            "and http on any other port"
        )
    return SiteAddress(scheme=parts.scheme, hostname=parts.hostname, port=port)


def sync_sites(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Make the default Wagtail site and ``django.contrib.sites`` match ``BASE_URL``.

    Returns True if a row changed. Only the default Wagtail site is touched:
    a second site (another host) keeps its own address.
    """
    address = site_address()
    changed = False
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (address.hostname, address.port):
        site.hostname, site.port = address.hostname, address.port
        site.save(using=using, update_fields=["hostname", "port"])
        changed = True
    django_site = DjangoSite.objects.using(using).filter(pk=settings.SITE_ID).first()
    if django_site is None:
        DjangoSite.objects.using(using).create(
            pk=settings.SITE_ID, domain=address.netloc, name=settings.WAGTAIL_SITE_NAME
        )
        changed = True
    elif django_site.domain != address.netloc:
        django_site.domain = address.netloc
        if django_site.name == "example.com":
            django_site.name = settings.WAGTAIL_SITE_NAME
        django_site.save(using=using, update_fields=["domain", "name"])
        changed = True
    if changed:
        DjangoSite.objects.clear_cache()
    return changed


def sync_sites_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` receiver: the release step and ``make run`` refresh the copies."""
    # A partial migrate (one app to an early state) may leave a table missing.
    tables = set(connections[using].introspection.table_names())
    if {Site._meta.db_table, DjangoSite._meta.db_table} <= tables:
        sync_sites(using=using)
