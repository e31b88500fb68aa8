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

from blog.models import BlogCategory, BlogIndexPage, BlogPostAuthor, BlogPostPage  # noqa: E402
from comments.forms import CommentForm  # noqa: E402
from comments.models import StimmeComment  # noqa: E402
from people.models import Department, Person  # noqa: E402

POSTS = 1000
PEOPLE = 50
COMMENTS = 300
BUSY_SLUG = "bench-300-kommentare"
QUIET_SLUG = "bench-ohne-kommentare"
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


def seed_busy_post(index, people, department):
    post = BlogPostPage.objects.child_of(index).filter(slug=BUSY_SLUG).first()
    if post is None:
        post = index.add_child(
            instance=BlogPostPage(
                title="Wärmepumpe und Fernwärme: Ihre Fragen",
                slug=BUSY_SLUG,
                teaser="Dreihundert Kommentare und unsere Antworten.",
                date=timezone.now(),
                body=BODY,
                live=True,
                first_published_at=timezone.now(),
            )
        )
        BlogPostAuthor.objects.create(page=post, person=people[0], sort_order=0)
    have = StimmeComment.objects.filter(object_pk=str(post.pk)).count()
    users = get_user_model()
    previous = None
    for n in range(have, COMMENTS):
        kind = n % 3  # reader question, staff answer, reader reply
        comment = StimmeComment(
            content_type_id=post.content_type_id,
            object_pk=str(post.pk),
            site_id=1,
            comment=f"Kommentar {n}: Wie verhält sich die Anlage bei Frost?",
            submit_date=timezone.now(),
            is_public=True,
        )
        if kind == 1:
            person = people[n % len(people)]
            if person.user_id is None:
                person.user = users.objects.create_user(f"bench-staff-{person.pk}")
                person.save(update_fields=["user"])
            comment.user_id = person.user_id
            comment.person = person
            comment.is_staff_comment = True
            comment.user_name = person.name
            comment.user_email = f"staff{person.pk}@nordlicht.example"
        else:
            comment.user_name = f"Leser {n}"
            comment.user_email = f"leser{n}@example.org"
        if kind and previous is not None:
            comment.parent_id = previous.pk
        comment.save()
        previous = comment
    return post


def seed_quiet_post(index, people):
    """Like the busy post (no categories, one author) but without comments."""
    post = BlogPostPage.objects.child_of(index).filter(slug=QUIET_SLUG).first()
    if post is None:
        post = index.add_child(
            instance=BlogPostPage(
                title="Wärmepumpe und Fernwärme: ohne Kommentare",
                slug=QUIET_SLUG,
                teaser="Derselbe Beitragstyp, noch ohne Fragen.",
                date=timezone.now() - timedelta(minutes=5),
                body=BODY,
                live=True,
                first_published_at=timezone.now(),
            )
        )
        BlogPostAuthor.objects.create(page=post, person=people[0], sort_order=0)
    return post


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
