"""Demo content: a registry of per-app seeders and the core part of the demo.

Each app may ship a ``demo.py`` with ``SEED_ORDER`` (int) and
``seed(ctx: DemoContext)``. ``manage.py seed_demo`` discovers them, so core
never imports a feature app. Seeders must be idempotent: they look things up
by a stable key (slug, username) before creating them.
"""

import importlib
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.crypto import get_random_string

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from core.builders import build_image, build_user, publish_page
from core.demo_images import illustration_png
from core.models import CustomImage, HomePage, SiteSettings, StandardPage
from core.roles import ensure_groups
from core.site_address import site_address, sync_sites
from core.visibility import AUTHORS_GROUP, EDITORS_GROUP, EMPLOYEES_GROUP

SEED_ORDER = 0

# Demo accounts: (username, first, last, role, groups, is_superuser).
DEMO_USERS = [
    ("katrin.albers", "Katrin", "Albers", "executive", [EMPLOYEES_GROUP, AUTHORS_GROUP], False),
    ("jonas.berger", "Jonas", "Berger", "employee", [EMPLOYEES_GROUP], False),
    ("aylin.demir", "Aylin", "Demir", "employee", [EMPLOYEES_GROUP], False),
    ("miriam.hoffmann", "Miriam", "Hoffmann", "editor", [EMPLOYEES_GROUP, EDITORS_GROUP], False),
    ("admin", "Site", "Admin", "superuser", [EMPLOYEES_GROUP], True),
]
DEMO_PASSWORD = "demo-2026!"  # noqa: S105 - demo login, only with DEBUG  # nosec B105


@dataclass
class DemoContext:
    """Shared state between seeders: output, and objects earlier seeders made."""

    stdout: object
    objects: dict = field(default_factory=dict)
    credentials: list = field(default_factory=list)

    def log(self, message: str) -> None:
        self.stdout.write(message)


def discover_seeders() -> list:
    """The ``demo`` modules of installed apps, in ``SEED_ORDER``."""
    modules = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "seed"):
            modules.append(module)
    return sorted(modules, key=lambda module: getattr(module, "SEED_ORDER", 100))


def demo_image(title: str, data_factory, filename: str, credit: str) -> CustomImage:
    """Get or create a generated image by title (idempotent)."""
    image = CustomImage.objects.filter(title=title).first()
    if image:
        return image
    return build_image(title, data_factory(), filename, credit=credit, description=title)


def post_fields(spec: dict) -> dict:
    """What every demo post's spec gives its post, public or internal."""
    return {
        "title": spec["title"],
        "slug": spec["slug"],
        "subtitle": spec.get("subtitle", ""),
        "teaser": spec["teaser"],
    }


def seeded_page(parent, page):
    """``page`` published under ``parent``, unless a page of its type and slug is there already."""
    existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    return existing or publish_page(parent, page)


def seed(ctx: DemoContext) -> None:
    """Site, home page, legal pages, groups and one account per role."""
    _ensure_foundations()
    home = _home_page()
    ctx.objects["home"] = home
    imprint = _standard_page(home, "impressum", "Impressum", IMPRINT_TEXT)
    privacy = _standard_page(home, "datenschutz", "Datenschutz", PRIVACY_TEXT)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.imprint_page = imprint
    site_settings.privacy_page = privacy
    site_settings.tagline = "Aus dem Norden. Für die Energiewende."
    site_settings.save()
    ctx.objects["users"] = _users(ctx)


def _ensure_foundations() -> None:
    """Rows migrations normally create, so seeding also works after ``flush``."""
    locale, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    # The groups and grants a fresh install's migration gives (core.roles).
    ensure_groups()
    # Wagtail's site and django.contrib.sites follow BASE_URL (make run's PORT).
    sync_sites()


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Nordlicht Systemtechnik",
            slug="start",
            intro=(
                "Wir bauen Wärmepumpen und Speicher für Stadtwerke und Handwerk. "
                "Hier schreiben die Menschen, die das möglich machen – und hier "
                "antworten wir auf Ihre Fragen."
            ),
            title_en="Nordlicht Systemtechnik",
            intro_en=(
                "We build heat pumps and thermal storage for municipal utilities and "
                "installers. The people who make them write here, and we answer your "
                "questions in the open."
            ),
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    address = site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": address.hostname,
            "port": address.port,
            "root_page": home,
            "site_name": "Nordlicht",
        },
    )
    # Wagtail's placeholder "Welcome" page is replaced by ours.
    if old_root and old_root.pk != home.pk and old_root.specific_class is Page:
        old_root.delete()
    return home


def _standard_page(parent, slug: str, title: str, body: str) -> StandardPage:
    return seeded_page(parent, StandardPage(title=title, slug=slug, body=body))


def _users(ctx: DemoContext) -> dict:
    user_model = get_user_model()
    users = {}
    for username, first, last, role, group_names, is_superuser in DEMO_USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = build_user(
                username,
                password=DEMO_PASSWORD if settings.DEBUG else get_random_string(24),
                first_name=first,
                last_name=last,
                is_superuser=is_superuser,
                is_staff=is_superuser,
            )
        # Groups again on every run: an account may have lost one since.
        user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in group_names])
        users[role if role not in users else f"{role}2"] = user
        ctx.credentials.append((role, username))
    return users


IMPRINT_TEXT = (
    "<h2>Angaben gemäß § 5 DDG</h2>"
    "<p>Nordlicht Systemtechnik GmbH<br>Am Deich 12<br>25813 Husum</p>"
    "<p>Vertreten durch die Geschäftsführerin Dr. Katrin Albers.<br>"
    "Registergericht: Amtsgericht Flensburg, HRB 0000 (Demo).</p>"
    "<p>Kontakt: kommunikation@nordlicht.example</p>"
    "<p>Dies ist ein fiktives Unternehmen für eine Demonstration.</p>"
)
PRIVACY_TEXT = (
    "<h2>Datenschutz auf einen Blick</h2>"
    "<p>Diese Website lädt keine Schriften, Skripte oder Bilder von fremden Servern "
    "und setzt keine Analyse-Werkzeuge ein.</p>"
    "<h3>Kommentare</h3>"
    "<p>Wenn Sie kommentieren, speichern wir Ihren Namen, Ihre E-Mail-Adresse und "
    "Ihren Text. Die E-Mail-Adresse wird nie veröffentlicht; wir nutzen sie für die "
    "Bestätigung Ihres Kommentars und, falls gewünscht, für Antwort-Benachrichtigungen.</p>"
    "<h3>Cookies</h3>"
    "<p>Wir setzen nur technisch notwendige Cookies: Ihre Sprachwahl und, wenn Sie "
    "sich als Mitarbeiterin oder Mitarbeiter anmelden, ein Sitzungs-Cookie.</p>"
)

__all__ = [
    "DemoContext",
    "demo_image",
    "discover_seeders",
    "illustration_png",
    "post_fields",
    "seed",
    "seeded_page",
]
