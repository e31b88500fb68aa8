"""Demo people of Nordlicht Systemtechnik: departments, profiles, hierarchy, team page.

Idempotent: departments and people are looked up by slug, the team page by
slug under the home page. Other seeders look people up by slug.
"""

from django.contrib.auth import get_user_model

from wagtail.models import WorkflowState

from core.demo import demo_image, seeded_page
from core.demo_images import portrait_png

from .forms import text_to_richtext
from .models import Department, Person, TeamPage
from .portraits import portrait_collection
from .review import ensure_review_workflow, submit_profile_change

SEED_ORDER = 10
PORTRAIT_CREDIT = "Nordlicht Systemtechnik"

DEPARTMENTS = [
    # slug, name, position, description
    (
        "geschaeftsfuehrung",
        "Geschäftsführung",
        10,
        "Strategie, Finanzen und Kommunikation – und die Frage, wohin Nordlicht in "
        "zehn Jahren will.",
    ),
    (
        "entwicklung",
        "Forschung & Entwicklung",
        20,
        "Hier entstehen unsere Wärmepumpen und Speicher: vom Kältekreis bis zur "
        "Steuerungssoftware, geprüft im eigenen Klimalabor in Husum.",
    ),
    (
        "vertrieb",
        "Vertrieb & Service",
        30,
        "Beratung für Stadtwerke und Handwerk, Inbetriebnahme und ein Service, der "
        "auch im Januar um sieben Uhr morgens ans Telefon geht.",
    ),
    (
        "personal",
        "Personal & Kultur",
        40,
        "Ausbildung, Weiterbildung und alles, was Nordlicht zu einem guten Arbeitsplatz macht.",
    ),
]
DEPARTMENT_HEADS = {
    "geschaeftsfuehrung": "katrin-albers",
    "entwicklung": "thomas-krueger",
    "vertrieb": "sabine-jensen",
    "personal": "fatma-yilmaz",
}

PUBLIC, INTERNAL = Person.Visibility.PUBLIC, Person.Visibility.INTERNAL

# slug, name, job title, department, visibility, username, reports_to, location, phone, photo
PEOPLE = [
    ("katrin-albers", "Dr. Katrin Albers", "Geschäftsführerin", "geschaeftsfuehrung", PUBLIC,
     "katrin.albers", None, "Husum", "+49 4841 90210-10", True),
    ("ole-hansen", "Ole Hansen", "Kaufmännischer Leiter", "geschaeftsfuehrung", PUBLIC,
     None, "katrin-albers", "Husum", "+49 4841 90210-12", False),
    ("miriam-hoffmann", "Miriam Hoffmann", "Leiterin Unternehmenskommunikation",
     "geschaeftsfuehrung", PUBLIC, "miriam.hoffmann", "katrin-albers", "Hamburg",
     "+49 40 3208 4417", True),
    ("thomas-krueger", "Thomas Krüger", "Leiter Forschung & Entwicklung", "entwicklung", PUBLIC,
     None, "katrin-albers", "Husum", "+49 4841 90210-30", True),
    ("jonas-berger", "Jonas Berger", "Entwicklungsingenieur Wärmepumpen", "entwicklung", PUBLIC,
     "jonas.berger", "thomas-krueger", "Husum", "+49 4841 90210-34", True),
    ("henrik-wolff", "Henrik Wolff", "Softwareentwickler Anlagensteuerung", "entwicklung",
     INTERNAL, None, "thomas-krueger", "Kiel", "+49 431 7702 115", True),
    ("sabine-jensen", "Sabine Jensen", "Leiterin Vertrieb & Service", "vertrieb", PUBLIC,
     None, "katrin-albers", "Hamburg", "+49 40 3208 4400", True),
    ("lukas-petersen", "Lukas Petersen", "Servicetechniker", "vertrieb", INTERNAL,
     None, "sabine-jensen", "Kiel", "+49 431 7702 140", True),
    ("nele-carstensen", "Nele Carstensen", "Werkstudentin Marketing", "vertrieb", INTERNAL,
     None, "sabine-jensen", "Hamburg", "+49 40 3208 4425", False),
    ("fatma-yilmaz", "Fatma Yılmaz", "Leiterin Personal & Kultur", "personal", PUBLIC,
     None, "katrin-albers", "Husum", "+49 4841 90210-50", True),
    ("aylin-demir", "Aylin Demir", "Referentin Personalentwicklung", "personal", INTERNAL,
     "aylin.demir", "fatma-yilmaz", "Husum", "+49 4841 90210-53", True),
]  # fmt: skip

# slug: (short bio, longer bio in paragraphs, expertise, links)
PROFILES = {
    "katrin-albers": (
        "Führt Nordlicht seit 2016 und hat vorher zehn Jahre an Kältemitteln geforscht.",
        "Ich bin Verfahrenstechnikerin und habe in Kiel über natürliche Kältemittel "
        "promoviert. Nach Stationen in der Industrie bin ich 2013 zu Nordlicht gekommen, "
        "damals noch eine Werkstatt mit vierzehn Leuten am Husumer Hafen.\n\n"
        "Heute kümmere ich mich vor allem darum, dass wir die richtigen Dinge in der "
        "richtigen Reihenfolge tun: Produkte, die Stadtwerke und Handwerk wirklich "
        "brauchen, und ein Unternehmen, in dem man gern arbeitet.",
        "Natürliche Kältemittel, Unternehmensstrategie, Energiepolitik",
        {"linkedin_url": "https://www.linkedin.com/in/katrin-albers-nordlicht-demo"},
    ),
    "ole-hansen": (
        "Zahlen, Verträge und Einkauf – und die Frage, was eine Wärmepumpe am Ende kostet.",
        "Ich bin gelernter Bankkaufmann und habe später Betriebswirtschaft in Flensburg "
        "studiert. Bei Nordlicht verantworte ich Finanzen, Einkauf und Recht.\n\n"
        "Mein Lieblingsthema sind Lieferketten: Wer weiß, woher jedes Ventil kommt, "
        "kann auch in unruhigen Zeiten verlässlich liefern.",
        "Finanzen, Einkauf, Lieferketten, Förderprogramme",
        {},
    ),
    "miriam-hoffmann": (
        "Verantwortet Blog, Presse und interne Kommunikation – und liest jeden Kommentar.",
        "Ich war zwölf Jahre Redakteurin bei einer Tageszeitung in Hamburg, bevor ich zu "
        "Nordlicht gewechselt bin. Hier sorge ich dafür, dass unsere Kolleginnen und "
        "Kollegen selbst erzählen können, was sie tun.\n\n"
        "Wenn Sie eine Frage zu einem Beitrag haben, schreiben Sie einen Kommentar: "
        "Ich leite ihn an die richtige Person weiter.",
        "Unternehmenskommunikation, Pressearbeit, Redaktion",
        {
            "mastodon_url": "https://norden.social/@miriam_demo",
            "linkedin_url": "https://www.linkedin.com/in/miriam-hoffmann-demo",
        },
    ),
    "thomas-krueger": (
        "Leitet die Entwicklung und das Klimalabor, in dem wir Nordsee-Winter simulieren.",
        "Ich habe Maschinenbau in Hamburg studiert und 15 Jahre Kälteanlagen für die "
        "Lebensmittelindustrie gebaut. Seit 2017 leite ich bei Nordlicht die Forschung "
        "und Entwicklung.\n\n"
        "Unser Klimalabor kann minus 25 Grad und Sturm – dort testen wir jedes neue "
        "Gerät, bevor es zum ersten Kunden geht.",
        "Kältetechnik, Prüfstände, Produktentwicklung, Normen",
        {"website_url": "https://thomas-krueger.example"},
    ),
    "jonas-berger": (
        "Entwickelt Kältekreise für Großwärmepumpen und schreibt gern darüber.",
        "Ich bin seit 2020 im Team und arbeite an Wärmepumpen für Wärmenetze. Am "
        "liebsten bin ich im Labor oder auf einer Baustelle, wo eine Anlage zum ersten "
        "Mal anläuft.\n\n"
        "Im Blog erkläre ich, was in unseren Geräten passiert – ohne Formeln, versprochen.",
        "Kältekreise, Propan-Wärmepumpen, Feldtests, Wärmenetze",
        {"mastodon_url": "https://norden.social/@jonas_demo"},
    ),
    "henrik-wolff": (
        "Schreibt die Software, die unsere Anlagen steuert und aus der Ferne überwacht.",
        "Ich programmiere seit über zehn Jahren eingebettete Systeme. Bei Nordlicht "
        "kümmere ich mich um die Anlagensteuerung und die Fernwartung.",
        "Embedded-Software, Regelungstechnik, Fernwartung, IT-Sicherheit",
        {},
    ),
    "sabine-jensen": (
        "Leitet Vertrieb und Service – von der ersten Beratung bis zur Wartung nach zehn Jahren.",
        "Ich komme aus dem Handwerk: Als Anlagenmechanikerin habe ich selbst Heizungen "
        "eingebaut, bevor ich in den Vertrieb gewechselt bin.\n\n"
        "Mein Team berät Stadtwerke, Wohnungsbaugesellschaften und Handwerksbetriebe "
        "und ist für unsere Kundinnen und Kunden da, wenn es einmal klemmt.",
        "Vertrieb, Kundendienst, Handwerkspartner, Wärmenetze",
        {"linkedin_url": "https://www.linkedin.com/in/sabine-jensen-demo"},
    ),
    "lukas-petersen": (
        "Nimmt Anlagen in Betrieb und ist im Winter oft als Erster vor Ort.",
        "Ich bin Mechatroniker für Kältetechnik und betreue Anlagen zwischen Kiel und "
        "der dänischen Grenze.",
        "Inbetriebnahme, Wartung, Kältetechnik",
        {},
    ),
    "nele-carstensen": (
        "Studiert Medienmanagement und unterstützt das Marketing bei Messen und Social Media.",
        "Ich studiere in Hamburg und arbeite seit 2025 zwei Tage pro Woche bei Nordlicht.",
        "Social Media, Messen, Fotografie",
        {},
    ),
    "fatma-yilmaz": (
        "Sorgt dafür, dass Nordlicht gute Leute findet, ausbildet und hält.",
        "Ich bin Arbeitspsychologin und habe vorher ein Personalteam in einem "
        "Windenergie-Unternehmen geleitet.\n\n"
        "Bei Nordlicht liegen mir Ausbildung und Weiterbildung besonders am Herzen: "
        "Jedes Jahr starten bei uns sechs Auszubildende in Technik und Verwaltung.",
        "Ausbildung, Personalentwicklung, Arbeitskultur, Vereinbarkeit",
        {"linkedin_url": "https://www.linkedin.com/in/fatma-yilmaz-demo"},
    ),
    "aylin-demir": (
        "Plant Weiterbildungen und begleitet neue Kolleginnen und Kollegen im ersten Jahr.",
        "Ich habe Erwachsenenbildung studiert und organisiere bei Nordlicht das "
        "Onboarding und unser Weiterbildungsprogramm.",
        "Onboarding, Weiterbildung, Mentoring",
        {},
    ),
}

TEAM_INTRO = (
    "Hinter jeder Wärmepumpe stehen Menschen: Wir stellen Ihnen die Kolleginnen und "
    "Kollegen vor, die bei Nordlicht entwickeln, beraten und schreiben."
)

# An employee's own profile change waiting for the editors, so the review
# flow can be tried in the demo admin.
PENDING_CHANGE = (
    "jonas-berger",
    "Entwickelt Kältekreise für Großwärmepumpen, testet sie im Klimalabor und schreibt "
    "gern darüber.",
)


def seed(ctx) -> None:
    """Departments, people with portraits and hierarchy, the team page, the review flow."""
    ensure_review_workflow()
    departments = {
        slug: _department(slug, name, position, description)
        for slug, name, position, description in DEPARTMENTS
    }
    people = {spec[0]: _person(spec, departments) for spec in PEOPLE}
    for spec in PEOPLE:
        manager = spec[6]
        person = people[spec[0]]
        if manager and person.reports_to_id != people[manager].pk:
            Person.objects.filter(pk=person.pk).update(reports_to=people[manager])
    for slug, head in DEPARTMENT_HEADS.items():
        Department.objects.filter(slug=slug).update(head=people[head])
    ctx.objects["people"] = people
    ctx.objects["team_page"] = _team_page(ctx.objects["home"])
    _pending_change(people[PENDING_CHANGE[0]], PENDING_CHANGE[1])
    ctx.log(f"people: {len(people)} profiles in {len(departments)} departments")


def _department(slug: str, name: str, position: int, description: str) -> Department:
    department, created = Department.objects.get_or_create(
        slug=slug, defaults={"name": name, "sort_order": position, "description": description}
    )
    if created:
        department.save_revision(log_action=True)
    return department


def _user(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def _person(spec, departments) -> Person:
    slug, name, job_title, department, visibility, username, _manager, location, phone, photo = spec
    person = Person.objects.filter(slug=slug).first()
    if person:
        return person
    short_bio, bio, expertise, links = PROFILES[slug]
    user = _user(username)
    person = Person(
        slug=slug,
        name=name,
        job_title=job_title,
        department=departments[department],
        visibility=visibility,
        short_bio=short_bio,
        bio=text_to_richtext(bio),
        expertise=expertise,
        user=user if user and not Person.objects.filter(user=user).exists() else None,
        location=location,
        phone=phone,
        internal_email=f"{slug.replace('-', '.')}@nordlicht.example",
        photo=_portrait(name, slug) if photo else None,
        **links,
    )
    person.save()
    person.save_revision(log_action=True).publish()
    return person


def _portrait(name: str, slug: str):
    image = demo_image(
        f"Porträt {name}", lambda: portrait_png(name), f"portrait-{slug}.png", PORTRAIT_CREDIT
    )
    collection = portrait_collection()
    if image.collection_id != collection.pk:
        image.collection = collection
        image.save(update_fields=["collection"])
    return image


def _team_page(home) -> TeamPage:
    return seeded_page(
        home,
        TeamPage(
            title="Menschen",
            slug="menschen",
            intro=TEAM_INTRO,
            title_en="People",
            intro_en=(
                "Every heat pump has people behind it: meet the colleagues who design, "
                "advise and write at Nordlicht."
            ),
            show_in_menus=True,
        ),
    )


def _pending_change(person: Person, short_bio: str) -> None:
    """Submit one self-service change for review, unless that already happened."""
    if person.user is None or WorkflowState.objects.for_instance(person).exists():
        return
    draft = person.get_latest_revision_as_object()
    draft.short_bio = short_bio
    submit_profile_change(draft, person.user)
