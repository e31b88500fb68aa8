"""Comment fixtures: a public blog post, an internal post, staff with profiles, form data.

The teammates' real post types are used (``blog.BlogPostPage``,
``internal.InternalPostPage``); if the internal app has no post type yet, a
blog post under a section restricted to Employees stands in for it.
"""

import socket
import threading
from datetime import timedelta

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from aiosmtpd.controller import Controller

from comments.forms import CommentForm
from core.visibility import EMPLOYEES_GROUP
from people.models import Department, Person


@pytest.fixture(autouse=True)
def relaxed_flood_rules(settings):
    """Most tests post several comments within seconds; the rules' own tests turn them on."""
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0
    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 0
    settings.COMMENTS_DUPLICATE_MINUTES = 0


@pytest.fixture
def post_moderation(site_root):
    """The site publishes readers' comments at once (the default holds a first comment)."""
    from comments.models import CommentSettings

    comment_settings = CommentSettings.for_site(site_root.get_site())
    comment_settings.moderation_policy = "post"
    comment_settings.save()
    return comment_settings


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and cached settings must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


@pytest.fixture
def department(db):
    return Department.objects.create(name="Forschung & Entwicklung", slug="entwicklung")


@pytest.fixture
def author_person(db, author_user, department):
    """The public author of the posts, with an account that receives mail."""
    return Person.objects.create(
        name="Karla Autorin",
        slug="karla-autorin",
        job_title="Geschäftsführerin",
        department=department,
        visibility=Person.Visibility.PUBLIC,
        live=True,
        user=author_user,
    )


@pytest.fixture
def staff_person(db, employee, department):
    """The employee's public profile: what a staff comment shows."""
    return Person.objects.create(
        name="Jana Beispiel",
        slug="jana-beispiel",
        job_title="Entwicklungsingenieurin",
        department=department,
        visibility=Person.Visibility.PUBLIC,
        live=True,
        user=employee,
    )


def make_blog_post(parent, author, title="Wärmepumpen im Altbau", slug=None, **extra):
    BlogPostPage = apps.get_model("blog", "BlogPostPage")
    BlogPostAuthor = apps.get_model("blog", "BlogPostAuthor")
    post = parent.add_child(
        instance=BlogPostPage(
            title=title,
            slug=slug or timezone.now().strftime("post-%H%M%S%f"),
            teaser="Teaser",
            **extra,
        )
    )
    BlogPostAuthor.objects.create(page=post, person=author, sort_order=0)
    post.save_revision().publish()
    post.refresh_from_db()
    return post


def stored_comment(post, text, *, approved=True, parent=None):
    """A reader's comment on ``post``, saved directly: no form, no mail.

    ``approved`` comments are public; the others wait in the moderation queue.
    """
    from comments.models import StimmeComment

    return StimmeComment.objects.create(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        site_id=1,
        user_name="Petra Leserin",
        user_email="petra@example.org",
        comment=text,
        is_public=approved,
        moderation_status="approved" if approved else "waiting",
        parent_id=parent.pk if parent is not None else 0,  # 0: a new thread (XtdComment)
    )


@pytest.fixture
def blog_index(site_root):
    BlogIndexPage = apps.get_model("blog", "BlogIndexPage")
    index = site_root.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    index.save_revision().publish()
    return index


@pytest.fixture
def public_post(blog_index, author_person):
    return make_blog_post(blog_index, author_person, slug="waermepumpen-im-altbau")


@pytest.fixture
def internal_index(site_root):
    """The restricted internal section (the internal app restricts it on creation)."""
    InternalIndexPage = _model("internal.InternalIndexPage")
    if InternalIndexPage is None:
        BlogIndexPage = apps.get_model("blog", "BlogIndexPage")
        index = site_root.add_child(instance=BlogIndexPage(title="Intern", slug="intern"))
    else:
        index = site_root.add_child(instance=InternalIndexPage(title="Intern", slug="intern"))
    index.save_revision().publish()
    if not PageViewRestriction.objects.filter(page=index).exists():
        restriction = PageViewRestriction.objects.create(
            page=index, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get(name=EMPLOYEES_GROUP))
    return index


def make_internal_post(parent, author, title="Betriebsversammlung", slug="betriebsversammlung"):
    """An internal post (the internal app's type, or a blog post in the restricted section)."""
    InternalPostPage = _model("internal.InternalPostPage")
    if InternalPostPage is None:
        return make_blog_post(parent, author, title=title, slug=slug)
    InternalPostAuthor = apps.get_model("internal", "InternalPostAuthor")
    post = parent.add_child(instance=InternalPostPage(title=title, slug=slug))
    InternalPostAuthor.objects.create(page=post, person=author, sort_order=0)
    post.save_revision().publish()
    post.refresh_from_db()
    return post


@pytest.fixture
def internal_post(internal_index, author_person):
    return make_internal_post(internal_index, author_person)


def form_data(post, **fields):
    """What the comment form under ``post`` posts, signed like the rendered form."""
    data = CommentForm(post).generate_security_data()
    data.update(
        {
            "name": "Petra Leserin",
            "email": "petra@example.org",
            "url": "",
            "comment": "Wie laut ist die Außeneinheit nachts?",
            "consent": "on",
            "reply_to": "0",
            "website_confirm": "",
        }
    )
    data.update(fields)
    return data


@pytest.fixture
def comment_data():
    return form_data


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the comment form for ``post`` as this client; mail tasks run after commit."""

    def post_form(post, client=client, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("stimme_comments:post"), form_data(post, **fields))

    return post_form


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (the mail task) of whatever happens inside."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        with self.lock:
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "data": envelope.content.decode("utf-8", "replace"),
                }
            )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; mail goes there through Django's SMTP backend."""
    port = free_port()
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    collector.port = port
    collector.controller = controller
    yield collector
    controller.stop()


@pytest.fixture
def dead_smtp(settings):
    """SMTP pointed at a closed port: every send fails with a connection error."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 2
    return settings.EMAIL_PORT


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)
