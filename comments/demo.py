"""Demo comments: lively threads on public and internal posts (German, idempotent).

Posts are looked up by slug; a post that does not exist (yet) is skipped,
and a post that already has comments is left alone, so running the seeder
again changes nothing.
"""

from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Site

from .builders import build_comment, staff_author
from .models import (
    CommentLike,
    CommentSettings,
    CommunityGuideline,
    CommunityGuidelinesPage,
    PendingComment,
    StimmeComment,
)
from .permissions import ensure_moderation_groups
from .readers import Reader

SEED_ORDER = 40

# Threads: (key, author, text, hours_ago, parent_key, extras). An author is a
# role from ctx.objects["users"] (staff) or a (name, email, website) tuple.
PUBLIC_THREADS = {
    "grosswaermepumpe-stadtwerke-husum": [
        (
            "q1",
            ("Hauke Petersen", "hauke.petersen@example.org", ""),
            "Spannendes Projekt! Welche Vorlauftemperatur schafft die Anlage im Winter, "
            "und reicht das für die alten Netzteile in der Neustadt?",
            70,
            None,
            {"followup": True},
        ),
        (
            "a1",
            "employee",
            "Moin Herr Petersen, im Auslegungsfall liefern wir 85 °C Vorlauf. Für die "
            "Neustadt hat das Stadtwerk die Übergabestationen im letzten Sommer getauscht, "
            "deshalb reicht das. Details stehen im Projektbericht: "
            "https://www.nordlicht.example/projekte/husum",
            66,
            "q1",
            {},
        ),
        (
            "q1b",
            ("Hauke Petersen", "hauke.petersen@example.org", ""),
            "Danke, das hilft. Und was passiert bei einem Ausfall – gibt es eine Reserve?",
            60,
            "a1",
            {"followup": True},
        ),
        (
            "a1b",
            "employee",
            "Ja: Der bestehende Gaskessel bleibt als Spitzenlast- und Reservekessel "
            "stehen. Er springt automatisch an.",
            58,
            "q1b",
            {},
        ),
        (
            "q2",
            ("Birte Lorenzen", "birte.lorenzen@example.net", "https://birte-radelt.example"),
            "Ich wohne direkt am Klärwerk. Wie laut ist das Ding nachts? Ehrlich gesagt "
            "habe ich Sorge, dass wir uns das Brummen einhandeln.",
            40,
            None,
            {"followup": True},
        ),
        (
            "a2",
            "editor",
            "Liebe Frau Lorenzen, danke für die offene Frage. Die Anlage steht in einem "
            "schallgedämmten Maschinenhaus; die Genehmigung schreibt nachts höchstens "
            "35 dB(A) an der nächsten Wohnbebauung vor, und wir messen das jeden Monat. "
            "Die Messberichte veröffentlichen wir ab Juni. Wenn Sie mögen, zeigen wir "
            "Ihnen die Anlage beim Tag der offenen Tür am 14. Juni.",
            30,
            "q2",
            {"official": True},
        ),
        (
            "q2b",
            ("Birte Lorenzen", "birte.lorenzen@example.net", ""),
            "Das ist eine klare Antwort, danke. Ich komme gern vorbei!",
            20,
            "a2",
            {},
        ),
    ],
    "warum-wir-in-husum-bleiben": [
        (
            "q1",
            ("Jan-Ole Matthiesen", "jom@example.com", ""),
            "Schöner Text, aber mal ehrlich: Findet ihr in Husum wirklich genug "
            "Softwareleute? Wir suchen seit einem Jahr vergeblich.",
            100,
            None,
            {},
        ),
        (
            "a1",
            "executive",
            "Nicht immer auf Anhieb, das stimmt. Wir bilden selbst aus, arbeiten mit der "
            "FH Westküste und erlauben mobiles Arbeiten – drei unserer Entwickler wohnen "
            "in Kiel. Das Meer überzeugt dann den Rest.",
            90,
            "q1",
            {},
        ),
    ],
    "schichtenspeicher-richtig-dimensionieren": [
        (
            "q1",
            ("Sven Ketelsen", "sven.ketelsen@example.org", ""),
            "Wie groß sollte der Speicher bei einem Einfamilienhaus mit 8-kW-Wärmepumpe "
            "und Fußbodenheizung sein? Mein Installateur sagt 300 Liter, ein Bekannter "
            "schwört auf 800.",
            8,
            None,
            {"followup": True},
        ),
    ],
    "service-im-winter": [
        (
            "q1",
            ("Anke Thomsen", "anke.thomsen@example.de", ""),
            "Großes Lob an Ihren Servicetechniker, der am 2. Januar um 7 Uhr vor der Tür "
            "stand. Die Heizung lief nach 40 Minuten wieder.",
            300,
            None,
            {"likes": ["employee", "employee2", "editor"]},
        ),
    ],
}

INTERNAL_THREADS = {
    "rekordjahr-und-wie-weiter": [
        (
            "q1",
            "employee",
            "Ich sag es mal offen: Vor dem dritten Standort sollten wir die Überstunden im "
            "Prüfstand in den Griff bekommen. Wir sind seit Monaten am Limit, und neue "
            "Stellen sind noch nicht ausgeschrieben.",
            50,
            None,
            {"followup": True, "likes": ["employee2"]},
        ),
        (
            "a1",
            "executive",
            "Danke, Jonas, genau solche Rückmeldungen brauche ich. Du hast recht: Zwei "
            "Stellen für den Prüfstand gehen nächste Woche raus, und bis dahin holen wir "
            "Unterstützung aus dem Service. Lass uns Donnerstag im Klimalabor sprechen.",
            44,
            "q1",
            {},
        ),
        (
            "r1",
            "employee2",
            "Aus Sicht Personal: Die Ausschreibungen sind fertig, wir warten nur noch auf "
            "die Freigabe der Gehaltsbänder.",
            40,
            "a1",
            {},
        ),
        (
            "r2",
            "employee",
            "Super, danke euch beiden. Ich bringe Donnerstag die Auslastungszahlen mit.",
            38,
            "r1",
            {},
        ),
    ],
    "reisekostenrichtlinie-2026": [
        (
            "q1",
            "employee2",
            "Gilt die neue Pauschale für Bahnfahrten auch rückwirkend für Januar?",
            20,
            None,
            {},
        ),
        (
            "a1",
            "editor",
            "Ja, für alle Reisen ab dem 1. Januar. Einfach die Abrechnung nachreichen.",
            18,
            "q1",
            {},
        ),
    ],
}

PENDING = {
    "schichtenspeicher-richtig-dimensionieren": (
        "Merle Hansen",
        "merle.hansen@example.org",
        "Wir haben noch einen 500-Liter-Pufferspeicher von der alten Ölheizung im "
        "Keller. Kann man den mit der Wärmepumpe weiter nutzen?",
    )
}


GUIDELINES_INTRO = (
    "Unter unseren Beiträgen sprechen Kundinnen, Partner, Nachbarn und Kolleginnen "
    "miteinander. Damit das so bleibt, gelten ein paar einfache Regeln. Unsere "
    "Moderation liest jeden Kommentar; was gegen diese Regeln verstößt, veröffentlichen "
    "wir nicht und sagen Ihnen, welche Regel gegriffen hat."
)
GUIDELINES = [
    (
        "respekt",
        "Respektvoll bleiben",
        "Kritik ist willkommen, Beleidigungen sind es nicht. Schreiben Sie so, wie Sie "
        "mit jemandem am Tisch sprechen würden – auch wenn Sie anderer Meinung sind.",
    ),
    (
        "beim-thema",
        "Beim Thema bleiben",
        "Kommentare sollen sich auf den Beitrag beziehen. Für Anfragen zu Aufträgen oder "
        "Rechnungen erreichen Sie unser Service-Team schneller über das Kontaktformular.",
    ),
    (
        "keine-werbung",
        "Keine Werbung und kein Spam",
        "Links sind erlaubt, wenn sie das Gespräch weiterbringen. Produktwerbung, "
        "Gewinnspiele und immer gleiche Texte entfernen wir.",
    ),
    (
        "privatsphaere",
        "Privatsphäre achten",
        "Nennen Sie keine Telefonnummern, Adressen oder andere persönliche Daten – weder "
        "Ihre eigenen noch die anderer Menschen.",
    ),
    (
        "fakten",
        "Ehrlich und sachlich",
        "Belegen Sie Behauptungen, wo es geht, und kennzeichnen Sie Vermutungen. "
        "Bewusst falsche Angaben veröffentlichen wir nicht.",
    ),
]


def seed(ctx) -> None:
    """Moderation rights, the community guidelines, then comments on the demo posts."""
    ensure_moderation_groups()
    _seed_guidelines(ctx)
    users = ctx.objects.get("users", {})
    for label, threads in (
        ("blog.BlogPostPage", PUBLIC_THREADS),
        ("internal.InternalPostPage", INTERNAL_THREADS),
    ):
        model = _model(label)
        if model is None:
            ctx.log(f"  {label} is not installed; no comments there.")
            continue
        for slug, thread in threads.items():
            post = model.objects.filter(slug=slug).first()
            if post is None:
                continue
            if _has_comments(post):
                continue
            _seed_thread(post, thread, users, reader_like=threads is PUBLIC_THREADS)
            ctx.log(f"  comments on {slug}")
    _seed_pending()


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _has_comments(post) -> bool:
    return StimmeComment.objects.filter(
        content_type=ContentType.objects.get_for_model(post), object_pk=str(post.pk)
    ).exists()


def _seed_thread(post, thread, users, reader_like=True) -> None:
    created = {}
    now = timezone.now()
    for key, author, text, hours_ago, parent_key, extras in thread:
        if isinstance(author, tuple):
            name, email, website = author
            written_by = {"user_name": name, "user_email": email, "user_url": website}
        else:
            written_by = staff_author(users[author])
        if extras.get("official"):
            written_by.update(is_official_answer=True, official_marked_by=users.get("editor"))
        created[key] = build_comment(
            post,
            text,
            parent=created.get(parent_key),
            submit_date=max(now - timedelta(hours=hours_ago), post.date + timedelta(hours=1)),
            is_public=True,
            followup=extras.get("followup", False),
            **written_by,
        )
        comment = created[key]
        for liker in extras.get("likes", []):
            CommentLike.objects.get_or_create(
                comment=comment, user=users[liker], defaults={"confirmed_at": now}
            )
    if reader_like:
        # Readers like, too: one click, remembered as a keyed hash of their browser.
        first = next(iter(created.values()))
        CommentLike.objects.get_or_create(
            comment=first,
            browser_hash=Reader({"b": "demo-leserin"}).like_hash(first.pk),
            defaults={"confirmed_at": now},
        )


def _seed_pending() -> None:
    """One reader comment still waiting for its confirmation click."""
    model = _model("blog.BlogPostPage")
    if model is None:
        return
    for slug, (name, email, text) in PENDING.items():
        post = model.objects.filter(slug=slug).first()
        if post is None or PendingComment.objects.filter(user_email=email).exists():
            continue
        now = timezone.now()
        PendingComment.objects.create(
            content_type=ContentType.objects.get_for_model(post),
            object_pk=str(post.pk),
            user_name=name,
            user_email=email,
            comment=text,
            consent_at=now,
            link_sent_at=now,
            links_sent=1,
        )


def _seed_guidelines(ctx) -> None:
    """The guidelines page under the home page, linked from the comment settings (once)."""
    home = ctx.objects.get("home")
    site = Site.objects.filter(is_default_site=True).first()
    if home is None or site is None:
        return
    page = CommunityGuidelinesPage.objects.filter(slug="diskussionsregeln").first()
    if page is None:
        page = home.add_child(
            instance=CommunityGuidelinesPage(
                title="Diskussionsregeln", slug="diskussionsregeln", intro=GUIDELINES_INTRO
            )
        )
        for order, (anchor, title, text) in enumerate(GUIDELINES):
            CommunityGuideline.objects.create(
                page=page, sort_order=order, anchor=anchor, title=title, text=text
            )
        page.save_revision().publish()
        ctx.log("  community guidelines")
    comment_settings = CommentSettings.for_site(site)
    if comment_settings.guidelines_page_id != page.pk:
        comment_settings.guidelines_page = page
        comment_settings.save()
