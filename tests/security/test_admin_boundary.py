"""Every admin door obeys the visibility boundary, tried as each role over HTTP.

Roles: a Moderators member who is not an employee (an outside agency), an
employee moderator outside a confidential post's audience, an Authors member
and an editor outside that audience (with page rights on the internal blog),
and an editor inside the audience (who must still work). The confidential post's title
and its comments are the markers: no door may show them, and no form may
change them, for anyone outside.
"""

import io
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.urls import reverse

from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, Page

import pytest
from PIL import Image as PILImage

from blog.models import BlogPostPage
from comments.models import (
    CommentReport,
    ModerationLogEntry,
    PostCommentOptions,
    StimmeComment,
)
from core.models import CustomImage
from core.visibility import AUTHORS_GROUP, EMPLOYEES_GROUP
from people.models import Person

from .admin_world import (
    INTERNAL_COMMENT,
    INTERNAL_TITLE,
    PUBLIC_COMMENT,
    SECRET_COMMENT,
    SECRET_REPORT,
    SECRET_TITLE,
    user_in,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The body as a reader would see it; JSON (choosers, admin API) with its escapes undone."""
    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _refused(response) -> bool:
    return response.status_code in (403, 404)


def per_page_doors(w):
    """Every admin URL that names the confidential post (or its revisions) by id."""
    pk = w.secret.pk
    revision = w.secret.latest_revision_id
    return [
        reverse("wagtailadmin_pages:edit", args=[pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[pk]),
        reverse("wagtailadmin_pages:view_draft", args=[pk]),
        reverse("wagtailadmin_pages:history", args=[pk]),
        reverse("wagtailadmin_pages:history_results", args=[pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[pk, revision]),
        reverse("wagtailadmin_pages:revisions_compare", args=[pk, "earliest", "latest"]),
        reverse("wagtailadmin_pages:usage", args=[pk]),
        reverse("wagtailadmin_pages:delete", args=[pk]),
        reverse("wagtailadmin_pages:copy", args=[pk]),
        reverse("wagtailadmin_pages:move", args=[pk]),
        reverse("wagtailadmin_pages:unpublish", args=[pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[pk]),
        reverse("wagtailadmin_pages:lock", args=[pk]),
        reverse("wagtailadmin_pages:set_privacy", args=[pk]),
        reverse("wagtailadmin_explore", args=[pk]),
        reverse("wagtailadmin_choose_page_child", args=[pk]),
        reverse("wagtailadmin_api:pages:detail", args=[pk]),
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={pk}",
        reverse("internal_acknowledgements", args=[pk]),
        reverse("stimme_comments_admin:switch", args=[pk]),
        reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", str(pk), 0]),
    ]


ROLES_OUTSIDE = ["outside_moderator", "employee_moderator", "outside_author", "outside_editor"]


@pytest.mark.parametrize("role", ROLES_OUTSIDE)
def test_every_per_page_admin_door_of_a_confidential_post_stays_shut(client, world, role):
    client.force_login(getattr(world, role))
    for url in per_page_doors(world):
        response = client.get(url)
        assert _refused(response), (role, url, response.status_code)
        assert SECRET_TITLE not in _text(response), (role, url)


@pytest.mark.parametrize("role", ROLES_OUTSIDE)
def test_forms_on_a_confidential_post_change_nothing(client, world, role):
    client.force_login(getattr(world, role))
    pk = world.secret.pk
    posts = {
        reverse("wagtailadmin_pages:edit", args=[pk]): {"title": "Übernommen", "slug": "x"},
        reverse("wagtailadmin_pages:unpublish", args=[pk]): {},
        reverse("wagtailadmin_pages:lock", args=[pk]): {},
        reverse("wagtailadmin_pages:delete", args=[pk]): {},
        reverse("stimme_comments_admin:switch", args=[pk]): {"mode": "closed"},
    }
    for url, data in posts.items():
        assert _refused(client.post(url, data)), (role, url)
    secret = Page.objects.get(pk=pk)
    assert secret.title == SECRET_TITLE and secret.live and not secret.locked
    assert not PostCommentOptions.objects.filter(page_id=pk).exists()


def listing_doors(w):
    """Listings, searches, choosers, the admin API, dashboard and reports."""
    internal = w.internal_index.pk
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[internal]),
        reverse("wagtailadmin_explore_results", args=[internal]),
        reverse("wagtailadmin_pages:search") + "?q=Umstrukturierung",
        reverse("wagtailadmin_pages:search_results") + "?q=Umstrukturierung",
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={internal}&for_explorer=1",
        reverse("wagtailadmin_api:pages:listing") + f"?descendant_of={internal}",
        reverse("wagtailadmin_api:pages:listing") + "?search=Umstrukturierung",
        reverse("wagtailadmin_choose_page_child", args=[internal]),
        reverse("wagtailadmin_choose_page_search") + "?q=Umstrukturierung",
        reverse("wagtailadmin_choose_page_search") + "?q=Lohnb",
        reverse("wagtailadmin_pages:type_use", args=["internal", "internalpostpage"]),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("comment_moderation:index") + "?tab=recent",
        reverse("internal_acknowledgement_index"),
    ]


@pytest.mark.parametrize("role", ROLES_OUTSIDE)
def test_no_listing_search_chooser_report_or_api_names_a_confidential_post(client, world, role):
    client.force_login(getattr(world, role))
    for url in listing_doors(world):
        response = client.get(url)
        assert response.status_code in (200, 302, 400, 403, 404), (role, url, response.status_code)
        assert SECRET_TITLE not in _text(response), (role, url)
        assert SECRET_COMMENT not in _text(response), (role, url)


def test_usage_listing_of_an_image_names_no_confidential_post(client, world):
    """The author's own image, used by the confidential post: its usage says "private page"."""
    image = CustomImage(
        title="Portrait", credit="Foto: Test", uploaded_by_user=world.outside_author
    )
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (11, 79, 108)).save(buffer, format="PNG")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="portrait.png")
    image.save()
    GroupCollectionPermission.objects.get_or_create(
        group=Group.objects.get(name=AUTHORS_GROUP),
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(
            content_type__app_label="core", codename="add_customimage"
        ),
    )
    world.secret.hero_image = image
    world.secret.save_revision().publish()
    client.force_login(world.outside_author)
    response = client.get(reverse("wagtailimages:image_usage", args=[image.pk]))
    assert response.status_code == 200
    assert SECRET_TITLE not in _text(response)
    assert reverse("wagtailadmin_pages:edit", args=[world.secret.pk]) not in _text(response)


@pytest.mark.parametrize("role", ["outside_moderator", "employee_moderator"])
def test_bulk_actions_and_admin_api_name_no_file_or_person_to_a_moderator(client, world, role):
    image = CustomImage(title="Röntgenbild Lohnbüro", credit="Foto: Test")
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (11, 79, 108)).save(buffer, format="PNG")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="intern.png")
    image.save()
    person = Person.objects.create(name="Jürgen Größmann", slug="juergen", live=True)
    client.force_login(getattr(world, role))
    for model, obj, marker in (
        ("core/customimage", image, "Röntgenbild"),
        ("people/person", person, "Größmann"),
        ("wagtailcore/page", world.public_post, "Wärmepumpen"),
    ):
        for action in ("delete", "add_to_collection", "publish", "unpublish"):
            url = f"/admin/bulk/{model}/{action}/?id={obj.pk}"
            response = client.get(url)
            assert _refused(response), (url, response.status_code)
            assert marker not in _text(response), url
    for url in (
        reverse("wagtailadmin_api:images:listing") + "?search=Röntgen",
        reverse("wagtailadmin_api:images:detail", args=[image.pk]),
        reverse("wagtailadmin_api:documents:listing"),
    ):
        response = client.get(url)
        assert _refused(response), (url, response.status_code)
        assert "Röntgenbild" not in _text(response), url


def test_author_outside_the_audience_still_works_on_the_rest_of_the_internal_blog(client, world):
    client.force_login(world.outside_author)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[world.internal_post.pk])).status_code
        == 200
    )
    listing = client.get(reverse("wagtailadmin_explore", args=[world.internal_index.pk]))
    assert INTERNAL_TITLE in _text(listing)
    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[world.internal_index.pk]))
    assert INTERNAL_TITLE in _text(chooser)


def test_editor_inside_the_audience_edits_the_confidential_post(client, world):
    client.force_login(world.audience_editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[world.secret.pk]))
    assert response.status_code == 200
    assert SECRET_TITLE in _text(response)
    listing = client.get(reverse("wagtailadmin_explore", args=[world.internal_index.pk]))
    assert SECRET_TITLE in _text(listing)


DRAFT_TITLE = "Entwurf: Preiserhöhung für Öfen"
REVISION_TITLE = "Überarbeitet: Wärmepumpen werden teurer"


@pytest.mark.parametrize("role", ["outside_moderator", "employee_moderator"])
def test_moderators_without_page_rights_meet_no_draft_in_any_page_screen(client, world, role):
    blog = world.public_post.get_parent()
    draft = BlogPostPage(title=DRAFT_TITLE, slug="entwurf", teaser="Noch geheim", live=False)
    blog.add_child(instance=draft)
    draft.save_revision()
    world.public_post.title = REVISION_TITLE
    world.public_post.save_revision()  # an unpublished revision of a live post
    client.force_login(getattr(world, role))
    urls = [
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[blog.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Preiserh",
        reverse("wagtailadmin_choose_page_search") + "?q=teurer",
        reverse("wagtailadmin_pages:search") + "?q=Entwurf",
        reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, blog.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[world.public_post.pk, blog.pk]),
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[draft.pk]),
        reverse("wagtailadmin_pages:edit", args=[world.public_post.pk]),
        reverse("wagtailadmin_api:pages:detail", args=[world.public_post.pk]),
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={draft.pk}",
        reverse("stimme_comments_admin:switch", args=[draft.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert _refused(response), (role, url, response.status_code)
        for marker in (DRAFT_TITLE, REVISION_TITLE):
            assert marker not in _text(response), (role, url, marker)
    client.post(reverse("stimme_comments_admin:switch", args=[draft.pk]), {"mode": "closed"})
    assert not PostCommentOptions.objects.filter(page_id=draft.pk).exists()
    # Their own work still goes: the comment switch of a published public post.
    switch = reverse("stimme_comments_admin:switch", args=[world.public_post.pk])
    assert client.get(switch).status_code == 200
    assert client.post(switch, {"mode": "closed"}).status_code == 302
    assert PostCommentOptions.objects.get(page_id=world.public_post.pk).mode == "closed"


def test_review_request_reaches_only_reviewers_inside_the_audience(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    hooks.search_for_hooks()  # the admin's hooks (and our notifier) load with the admin URLs
    hr_author = user_in("hilde.autorin", EMPLOYEES_GROUP, AUTHORS_GROUP, department=world.hr)
    workflow = world.secret.get_workflow()
    assert workflow is not None
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(world.secret, user=hr_author)
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert world.audience_editor.email in recipients
    assert world.outside_editor.email not in recipients
    # The dashboard's "Awaiting your review" panel likewise.
    client.force_login(world.outside_editor)
    assert SECRET_TITLE not in _text(client.get(reverse("wagtailadmin_home")))
    client.force_login(world.audience_editor)
    assert SECRET_TITLE in _text(client.get(reverse("wagtailadmin_home")))


# --- comments ---------------------------------------------------------------------------

MODERATORS_OUTSIDE = ["outside_moderator", "employee_moderator", "outside_editor"]


@pytest.mark.parametrize("role", MODERATORS_OUTSIDE)
def test_moderator_outside_the_audience_never_sees_its_comments_in_the_queue(client, world, role):
    client.force_login(getattr(world, role))
    queue = reverse("comment_moderation:index")
    pages = [
        *(f"{queue}?tab={tab}" for tab in ("waiting", "flagged", "spam", "recent")),
        f"{queue}?tab=recent&post={world.secret.pk}",
        f"{queue}?tab=recent&q=Abfindung",
        reverse("wagtailadmin_home"),
    ]
    for url in pages:
        html = _text(client.get(url))
        for marker in (SECRET_COMMENT, SECRET_TITLE, SECRET_REPORT):
            assert marker not in html, (role, url, marker)
    # The queue itself works: the public comment waits there.
    assert PUBLIC_COMMENT in _text(client.get(queue))


def test_moderator_who_is_no_employee_sees_no_internal_comment(client, world):
    client.force_login(world.outside_moderator)
    html = _text(client.get(reverse("comment_moderation:index") + "?tab=recent"))
    assert INTERNAL_COMMENT not in html and INTERNAL_TITLE not in html
    detail = reverse("comment_moderation:detail", args=[world.internal_comment.pk])
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("role", MODERATORS_OUTSIDE)
def test_moderator_outside_the_audience_cannot_open_act_on_or_reply_to_its_comments(
    client, world, role
):
    client.force_login(getattr(world, role))
    for comment in (world.secret_comment, world.secret_waiting):
        detail = reverse("comment_moderation:detail", args=[comment.pk])
        assert client.get(detail).status_code == 404
        assert client.post(detail, {"action": "delete"}).status_code == 404
        reply = reverse("comment_moderation:reply", args=[comment.pk])
        assert client.post(reply, {"text": "Offizielle Antwort"}).status_code == 404
    client.post(
        reverse("comment_moderation:index"),
        {"action": "approve", "ids": [world.secret_waiting.pk], "tab": "waiting"},
    )
    waiting = StimmeComment.objects.get(pk=world.secret_waiting.pk)
    assert waiting.moderation_status == "waiting" and not waiting.is_public
    assert not StimmeComment.objects.filter(comment="Offizielle Antwort").exists()
    assert not ModerationLogEntry.objects.filter(comment__object_pk=str(world.secret.pk)).exists()
    assert CommentReport.objects.get(comment=world.secret_comment).resolved_at is None


@pytest.mark.parametrize("role", MODERATORS_OUTSIDE)
def test_the_second_comment_admin_is_gone(client, world, role):
    client.force_login(getattr(world, role))
    pk = world.secret_comment.pk
    for url in (
        "/admin/reader_comments/",
        f"/admin/reader_comments/inspect/{pk}/",
        f"/admin/reader_comments/edit/{pk}/",
        "/admin/comment_reports/",
        f"/admin/comment_reports/inspect/{CommentReport.objects.get().pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET_COMMENT not in _text(response)
    response = client.post(
        f"/admin/reader_comments/edit/{pk}/", {"comment": "überschrieben", "is_public": ""}
    )
    assert response.status_code == 404
    assert StimmeComment.objects.get(pk=pk).comment == SECRET_COMMENT


def test_editor_inside_the_audience_handles_reports_on_its_comments(client, world):
    client.force_login(world.audience_editor)
    flagged = _text(client.get(reverse("comment_moderation:index") + "?tab=flagged"))
    assert SECRET_COMMENT in flagged
    detail = reverse("comment_moderation:detail", args=[world.secret_comment.pk])
    page = client.get(detail)
    assert page.status_code == 200 and SECRET_REPORT in _text(page)
    assert client.post(detail, {"action": "approve"}).status_code == 302
    report = CommentReport.objects.get(comment=world.secret_comment)
    assert report.resolved_by == world.audience_editor
    entry = ModerationLogEntry.objects.get(comment=world.secret_comment)
    assert entry.action == "approved" and entry.actor == world.audience_editor


# --- personal data ------------------------------------------------------------------------


def _grant_data_protection(user):
    permission, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(StimmeComment),
        codename="handle_personal_data",
        defaults={"name": "Can export and erase a commenter's personal data"},
    )
    user.user_permissions.add(permission)
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


@pytest.mark.parametrize("role", [*MODERATORS_OUTSIDE, "audience_editor"])
def test_personal_data_tool_is_only_for_the_data_protection_right(client, world, role):
    client.force_login(getattr(world, role))
    url = reverse("stimme_comments_admin:personal_data")
    assert client.get(url).status_code == 403
    response = client.post(url, {"email": "petra@example.org", "export": "1"})
    assert response.status_code == 403
    assert SECRET_COMMENT not in _text(response)
    response = client.post(url, {"email": "petra@example.org", "erase": "1", "confirm": "yes"})
    assert response.status_code == 403
    assert StimmeComment.objects.get(pk=world.secret_comment.pk).comment == SECRET_COMMENT
    assert url not in _text(client.get(reverse("wagtailadmin_home")))


def test_data_protection_officer_exports_and_erases_every_comment_and_each_use_is_logged(
    client, world
):
    officer = _grant_data_protection(world.outside_moderator)
    client.force_login(officer)
    url = reverse("stimme_comments_admin:personal_data")
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "Petra@Example.org", "export": "1"})
    texts = {row["text"] for row in json.loads(response.content)["comments"]}
    assert {SECRET_COMMENT, INTERNAL_COMMENT, PUBLIC_COMMENT} <= texts
    exported = ModerationLogEntry.objects.filter(action="data_exported", actor=officer)
    assert exported.count() == StimmeComment.objects.count() == 4

    client.post(url, {"email": "petra@example.org", "erase": "1", "confirm": "yes"})
    erased = ModerationLogEntry.objects.filter(action="data_erased", actor=officer)
    assert erased.count() == 4
    assert not StimmeComment.objects.filter(comment=SECRET_COMMENT).exists()
    assert not ModerationLogEntry.objects.exclude(email="").exists()
