"""Demo content of the public blog: index, categories, posts, review workflow.

Idempotent: everything is looked up by slug or name before it is created.
Authors are the public demo people (``people/demo.py`` runs first).
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.rich_text import RichText

from core.demo import demo_image, post_fields, seeded_page
from core.demo_images import illustration_png
from core.roles import BLOG_SECTION, grant_section_permissions
from core.visibility import EDITORS_GROUP
from people.models import Person

from .builders import build_blog_post
from .demo_posts import CATEGORIES, DRAFT_POST, POSTS, SCHEDULED_POST
from .models import BlogCategory, BlogIndexPage, BlogPostPage

SEED_ORDER = 20
WORKFLOW_NAME = "Freigabe durch Redaktion"
TASK_NAME = "Redaktion prüft und gibt frei"

# Used only when the people seeder has not created these public profiles.
FALLBACK_PEOPLE = {
    "katrin-albers": ("Dr. Katrin Albers", "Geschäftsführerin"),
    "ole-hansen": ("Ole Hansen", "Kaufmännischer Leiter"),
    "miriam-hoffmann": ("Miriam Hoffmann", "Leiterin Unternehmenskommunikation"),
    "thomas-krueger": ("Thomas Krüger", "Leiter Forschung & Entwicklung"),
    "jonas-berger": ("Jonas Berger", "Entwicklungsingenieur Wärmepumpen"),
    "sabine-jensen": ("Sabine Jensen", "Leiterin Vertrieb & Service"),
    "fatma-yilmaz": ("Fatma Yılmaz", "Leiterin Personal & Kultur"),
}


def seed(ctx) -> None:
    """Blog index under the home page, categories, posts, permissions and workflow."""
    index = _blog_index(ctx.objects["home"])
    ctx.objects["blog_index"] = index
    categories = {
        slug: BlogCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, name, description in CATEGORIES
    }
    now = timezone.now()
    created = 0
    for spec in POSTS:
        created += _post(index, spec, categories, now, mode="publish")
    created += _post(index, DRAFT_POST, categories, now, mode="draft")
    created += _post(index, SCHEDULED_POST, categories, now, mode="schedule")
    _permissions(index)
    _workflow(index)
    ctx.log(f"  blog: {created} posts created, workflow “{WORKFLOW_NAME}” on /blog/")


def _blog_index(home) -> BlogIndexPage:
    index = seeded_page(
        home,
        BlogIndexPage(
            title="Blog",
            slug="blog",
            show_in_menus=True,
            intro=(
                "Was uns bei Nordlicht beschäftigt: Technik, Projekte, Menschen – "
                "und unsere Sicht auf die Wärmewende."
            ),
            search_description="Der Blog der Nordlicht Systemtechnik GmbH aus Husum.",
            title_en="Blog",
            intro_en=(
                "What keeps us busy at Nordlicht: engineering, projects, people, and how "
                "we see the heating transition."
            ),
        ),
    )
    # The blog leads the main navigation, whichever section was seeded first.
    first = home.get_first_child()
    if first and first.pk != index.pk:
        index.move(first, pos="left")
    return index


def _person(slug: str) -> Person:
    person = Person.objects.filter(slug=slug).first()
    if person:
        return person
    name, job_title = FALLBACK_PEOPLE[slug]
    return Person.objects.create(
        name=name, slug=slug, job_title=job_title, visibility=Person.Visibility.PUBLIC
    )


def _body(blocks: list, images: dict) -> list:
    """Turn the compact demo notation into StreamField data."""
    body = []
    for kind, value in blocks:
        if kind == "p":
            body.append(("paragraph", RichText(value)))
        elif kind == "h":
            body.append(("heading", {"text": value, "level": "h2"}))
        elif kind == "quote":
            body.append(("quote", {"quote": value[0], "attribution": value[1]}))
        elif kind == "points":
            body.append(("key_points", {"title": value[0], "points": value[1]}))
        elif kind == "image":
            body.append(("image", {"image": images[value[0]], "caption": value[1]}))
        elif kind == "video":
            title, url, poster = value
            body.append(
                ("video", {"url": url, "title": title, "poster": images.get(poster), "caption": ""})
            )
        elif kind == "cta":
            heading, text, label, url = value
            body.append(
                (
                    "call_to_action",
                    {"heading": heading, "text": text, "button_label": label, "url": url},
                )
            )
        elif kind == "table":
            caption, rows = value
            body.append(
                (
                    "table",
                    {
                        "data": rows,
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": caption,
                    },
                )
            )
    return body


def _image(title: str):
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:50].strip("-")
    return demo_image(
        title,
        lambda: illustration_png(title),
        f"blog-{slug}.png",
        credit="Nordlicht Systemtechnik (Illustration)",
    )


def _post(index, spec: dict, categories: dict, now, mode: str) -> int:
    """Create one post unless its slug exists; returns 1 if created."""
    if BlogPostPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return 0
    images = {name: _image(name) for name in spec.get("images", [])}
    date = now - timedelta(days=spec["days_ago"], hours=spec.get("hour", 3))
    build_blog_post(
        index,
        **post_fields(spec),
        language=spec.get("language", "de"),
        date=date,
        hero_image=_image(spec["title"]),
        body=_body(spec["body"], images),
        authors=[_person(slug) for slug in spec["authors"]],
        categories=[categories[slug] for slug in spec["categories"]],
        tags=spec["tags"],
        publish=mode != "draft",
        # A future go_live_at turns publishing into scheduling.
        go_live_at=date if mode == "schedule" else None,
    )
    return 1


def _permissions(index) -> None:
    """The blog section's page permissions, as core.roles writes them down."""
    grant_section_permissions(BLOG_SECTION, index)


def _workflow(index) -> None:
    """An executive's draft goes live only after an editor approved it."""
    editors = Group.objects.get(name=EDITORS_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([editors])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
