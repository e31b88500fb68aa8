"""Seed the benchmark data set on top of the demo content (run by bench/run.py).

1,000 public posts, one post with 300 threaded comments, 50 public people,
and a signed-in employee session for the comment-posting measurement.
Pages go in with ``add_child`` (the tree needs it) but without revisions;
everything else is bulk-created. Idempotent: a second run adds nothing.
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_seed")
django.setup()

from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from blog.builders import build_blog_post  # noqa: E402
from blog.models import BlogCategory, BlogIndexPage, BlogPostAuthor, BlogPostPage  # noqa: E402
from comments.builders import build_comment  # noqa: E402
from comments.forms import CommentForm  # noqa: E402
from comments.models import StimmeComment  # noqa: E402
from people.models import Department, Person  # noqa: E402

POSTS = 1000
PEOPLE = 50
COMMENTS = 300
BUSY_SLUG = "bench-300-kommentare"
QUIET_SLUG = "bench-ohne-kommentare"
# slug, title, teaser
BUSY_POST = (
    BUSY_SLUG,
    "Wärmepumpe und Fernwärme: Ihre Fragen",
    "Dreihundert Kommentare und unsere Antworten.",
)
QUIET_POST = (
    QUIET_SLUG,
    "Wärmepumpe und Fernwärme: ohne Kommentare",
    "Derselbe Beitragstyp, noch ohne Fragen.",
)
OUT = Path(os.environ.get("BENCH_WORK", ROOT / "bench" / "results"))

BODY = [
    ("paragraph", "<p>Wärmepumpen im Bestand: was wir in Husum gelernt haben. " * 8 + "</p>"),
    (
        "paragraph",
        "<p>Messwerte, Kosten und die Fragen unserer Leserinnen und Leser. " * 6 + "</p>",
    ),
]


def seed_people(department) -> list[Person]:
    public = Person.objects.filter(visibility=Person.Visibility.PUBLIC)
    missing = PEOPLE - public.count()
    Person.objects.bulk_create(
        Person(
            name=f"Bench Person {n}",
            slug=f"bench-person-{n}",
            job_title="Ingenieurin",
            short_bio="Misst, was Wärmepumpen leisten.",
            department=department,
            visibility=Person.Visibility.PUBLIC,
            live=True,
        )
        for n in range(max(missing, 0))
    )
    return list(public.order_by("pk")[:PEOPLE])


def seed_posts(index, people, categories) -> None:
    existing = BlogPostPage.objects.child_of(index).filter(slug__startswith="bench-post-").count()
    now = timezone.now()
    created = []
    for n in range(existing, POSTS):
        when = now - timedelta(hours=n + 1)
        post = index.add_child(
            instance=BlogPostPage(
                title=f"Messreihe {n}: Wärmepumpe im Altbau",
                slug=f"bench-post-{n}",
                teaser="Was die Messreihe über Kosten und Lärm zeigt.",
                date=when,
                body=BODY,
                live=True,
                first_published_at=when,
                last_published_at=when,
            )
        )
        created.append(post)
    BlogPostAuthor.objects.bulk_create(
        BlogPostAuthor(page=post, person=people[n % len(people)], sort_order=0)
        for n, post in enumerate(created)
    )
    through = BlogPostPage.categories.through
    through.objects.bulk_create(
        through(blogpostpage_id=post.pk, blogcategory_id=categories[n % len(categories)].pk)
        for n, post in enumerate(created)
    )


def one_post(index, people, slug: str, title: str, teaser: str, date):
    """The post with ``slug``, made by the first of ``people`` unless it exists."""
    post = BlogPostPage.objects.child_of(index).filter(slug=slug).first()
    return post or build_blog_post(
        index, title=title, slug=slug, teaser=teaser, date=date, body=BODY, authors=people[:1]
    )


def seed_busy_post(index, people, department):
    post = one_post(index, people, *BUSY_POST, date=timezone.now())
    have = StimmeComment.objects.filter(object_pk=str(post.pk)).count()
    users = get_user_model()
    previous = None
    for n in range(have, COMMENTS):
        kind = n % 3  # reader question, staff answer, reader reply
        if kind == 1:
            person = people[n % len(people)]
            if person.user_id is None:
                person.user = users.objects.create_user(f"bench-staff-{person.pk}")
                person.save(update_fields=["user"])
            written_by = {
                "user_id": person.user_id,
                "person": person,
                "is_staff_comment": True,
                "user_name": person.name,
                "user_email": f"staff{person.pk}@nordlicht.example",
            }
        else:
            written_by = {"user_name": f"Leser {n}", "user_email": f"leser{n}@example.org"}
        previous = build_comment(
            post,
            f"Kommentar {n}: Wie verhält sich die Anlage bei Frost?",
            parent=previous if kind else None,
            submit_date=timezone.now(),
            is_public=True,
            **written_by,
        )
    return post


def seed_quiet_post(index, people):
    """Like the busy post (no categories, one author) but without comments."""
    return one_post(index, people, *QUIET_POST, date=timezone.now() - timedelta(minutes=5))


def poster_session(post) -> dict:
    """A signed-in employee's session and a signed comment form for the post."""
    user, _ = get_user_model().objects.get_or_create(
        username="bench.poster", defaults={"email": "bench.poster@nordlicht.example"}
    )
    user.groups.add(Group.objects.get(name="Employees"))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    form = CommentForm(post, user=user).generate_security_data()
    return {"session": session.session_key, "form": form, "url": post.url}


def main() -> None:
    index = BlogIndexPage.objects.filter(live=True).first()
    department = Department.objects.first() or Department.objects.create(
        name="Forschung", slug="forschung"
    )
    categories = list(BlogCategory.objects.all()[:5]) or [
        BlogCategory.objects.create(name="Wärmepumpen", slug="waermepumpen")
    ]
    with transaction.atomic():
        people = seed_people(department)
        seed_posts(index, people, categories)
        post = seed_busy_post(index, people, department)
        quiet = seed_quiet_post(index, people)
    person = next(p for p in people if p.live and p.visibility == Person.Visibility.PUBLIC)
    team_url = person.get_absolute_url() if hasattr(person, "get_absolute_url") else ""
    OUT.mkdir(parents=True, exist_ok=True)
    info = {
        "busy_post": post.url,
        "quiet_post": quiet.url,
        "index": index.url,
        "person": team_url,
        "poster": poster_session(post),
    }
    (OUT / "seed.json").write_text(json.dumps(info, indent=2))
    print(json.dumps({k: v for k, v in info.items() if k != "poster"}))


if __name__ == "__main__":
    main()
