"""The admin boundary's test world: a confidential post, its markers, one account per role.

Roles: a Moderators member who is not an employee (an outside agency), an
employee moderator outside the confidential post's audience, an Authors
member and an editor outside that audience (with page rights on the internal
blog), and an editor inside the audience (who must still work). The
confidential post's title and its comments are the markers.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import GroupPagePermission

from blog.models import BlogIndexPage, BlogPostPage
from comments.models import CommentReport, StimmeComment
from core.visibility import AUTHORS_GROUP, EDITORS_GROUP, EMPLOYEES_GROUP
from internal.models import InternalIndexPage, InternalPostPage
from people.models import Department, Person

SECRET_TITLE = "Umstrukturierung Lohnbüro Südstraße"
SECRET_COMMENT = "Abfindungshöhe für Jürgen Größmann"
SECRET_REPORT = "Meldung über Jürgens Abfindung"
INTERNAL_TITLE = "Kantinenplan für März"
INTERNAL_COMMENT = "Gibt es wieder Grünkohl in der Kantine?"
PUBLIC_COMMENT = "Wie laut ist die Wärmepumpe nachts?"
MODERATORS_GROUP = "Moderators"


def user_in(username, *groups, department=None):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@nordlicht.example", password="pw-for-tests-1"
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if department is not None:
        Person.objects.create(
            name=username.replace(".", " ").title(),
            slug=username.replace(".", "-"),
            user=user,
            department=department,
            live=True,
        )
    return user


def comment_on(post, text, *, status="approved", email="petra@example.org"):
    return StimmeComment.objects.create(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        site_id=1,
        user_name="Petra Leserin",
        user_email=email,
        comment=text,
        is_public=status == "approved",
        moderation_status=status,
    )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class World:
    """The site, the marker objects and one account per role."""


def build_world(site_root) -> World:
    w = World()
    w.hr = Department.objects.create(name="Personal & Kultur", slug="personal")
    w.dev = Department.objects.create(name="Forschung & Entwicklung", slug="entwicklung")
    blog = publish(site_root, BlogIndexPage(title="Blog", slug="blog"))
    w.public_post = publish(
        blog, BlogPostPage(title="Wärmepumpen im Altbau", slug="waermepumpen", teaser="Teaser")
    )
    w.internal_index = publish(site_root, InternalIndexPage(title="Intern", slug="intern"))
    w.internal_post = publish(
        w.internal_index,
        InternalPostPage(title=INTERNAL_TITLE, slug="kantine", teaser="Essen", date=timezone.now()),
    )
    secret = InternalPostPage(
        title=SECRET_TITLE,
        slug="umstrukturierung",
        teaser="Nur für die Personalabteilung",
        date=timezone.now(),
        confidential=True,
        must_read=True,
    )
    secret.audience_departments = [w.hr]
    w.secret = publish(w.internal_index, secret)

    # Authors write in the internal blog: page rights on its index (as the section grants them).
    authors = Group.objects.get(name=AUTHORS_GROUP)
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=authors,
            page=w.internal_index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )

    w.secret_waiting = comment_on(w.secret, SECRET_COMMENT + " (wartet)", status="waiting")
    w.secret_comment = comment_on(w.secret, SECRET_COMMENT)
    CommentReport.objects.create(comment=w.secret_comment, reason="abuse", details=SECRET_REPORT)
    w.internal_comment = comment_on(w.internal_post, INTERNAL_COMMENT, status="waiting")
    w.public_comment = comment_on(w.public_post, PUBLIC_COMMENT, status="waiting")

    w.outside_moderator = user_in("olga.agentur", MODERATORS_GROUP)
    w.employee_moderator = user_in(
        "emil.moderator", EMPLOYEES_GROUP, MODERATORS_GROUP, department=w.dev
    )
    w.outside_author = user_in("anna.autorin", EMPLOYEES_GROUP, AUTHORS_GROUP, department=w.dev)
    w.audience_editor = user_in("hanna.editorin", EMPLOYEES_GROUP, EDITORS_GROUP, department=w.hr)
    w.outside_editor = user_in("erik.redakteur", EMPLOYEES_GROUP, EDITORS_GROUP, department=w.dev)
    return w
