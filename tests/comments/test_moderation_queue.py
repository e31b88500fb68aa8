"""The moderation queue: tabs, filters, actions, audit log, permissions, query budget."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.tasks import default_task_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from comments import tokens
from comments.models import (
    BlockedSender,
    CommentReport,
    CommentSettings,
    CommunityGuideline,
    CommunityGuidelinesPage,
    ModerationLogEntry,
    PendingComment,
    PostCommentOptions,
    StimmeComment,
)
from comments.queue.actions import reply_as_company
from comments.queue.queries import unanswered
from core.models import SiteSettings

pytestmark = pytest.mark.django_db

QUEUE = "comment_moderation:index"


def make_comment(post, status="waiting", **extra):
    values = {
        "content_type_id": post.content_type_id,
        "object_pk": str(post.pk),
        "site_id": 1,
        "user_name": "Petra",
        "user_email": "petra@example.org",
        "comment": "Eine Frage zur Wärmepumpe",
        "is_public": status == "approved",
        "moderation_status": status,
        "ip_address": "203.0.113.7",
    }
    values.update(extra)
    return StimmeComment.objects.create(**values)


@pytest.fixture
def guideline(site_root):
    page = site_root.add_child(
        instance=CommunityGuidelinesPage(title="Diskussionsregeln", slug="regeln")
    )
    page.save_revision().publish()
    return CommunityGuideline.objects.create(
        page=page, anchor="respekt", title="Respektvoll bleiben", text="Keine Beleidigungen."
    )


@pytest.fixture
def moderator(db):
    """A member of the Moderators group only: no page rights, not an employee."""

    user = get_user_model().objects.create_user(
        "mona.moderator", "mona@nordlicht.example", "pw-for-tests-1"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_first_time_reader_waits_then_later_comments_publish(
    client, editor, public_post, submit, on_commit
):
    def post_and_confirm(text):
        submit(public_post, comment=text)
        pending = PendingComment.objects.latest("pk")
        with on_commit():
            client.get(
                reverse("stimme_comments:confirm", args=[tokens.make(tokens.CONFIRM, pending.pk)])
            )
        return StimmeComment.objects.get(comment=text)

    first = post_and_confirm("Mein erster Kommentar")
    assert not first.is_public and first.moderation_status == "waiting"
    assert "Erster Kommentar" in first.moderation_reason
    assert "Mein erster Kommentar" not in client.get(public_post.url).content.decode()

    client.force_login(editor)
    client.post(reverse(QUEUE), {"action": "approve", "ids": [first.pk], "reason": "ok"})
    client.logout()
    first.refresh_from_db()
    assert first.is_public and first.moderation_status == "approved"

    second = post_and_confirm("Mein zweiter Kommentar")
    assert second.is_public and second.moderation_status == "approved"


def test_pre_moderate_all_per_post_overrides_site(client, employee, public_post, submit):
    PostCommentOptions.objects.create(page=public_post, moderation_policy="all")
    client.force_login(employee)
    submit(public_post, comment="Auch Kollegen warten hier")
    assert StimmeComment.objects.get().moderation_status == "waiting"


def test_employees_internal_comments_publish_directly(client, employee, internal_post, submit):
    client.force_login(employee)
    submit(internal_post, comment="Intern, sofort sichtbar")
    assert StimmeComment.objects.get().is_public


def test_queue_runs_fixed_queries_with_1000_waiting(
    client, editor, public_post, django_assert_max_num_queries
):
    # Multi-table inheritance rules out bulk_create: one by one.
    for n in range(1000):
        make_comment(public_post, user_name=f"Leser {n}", user_email=f"l{n}@example.org")
    client.force_login(editor)
    client.get(reverse(QUEUE))  # warm caches (site, settings)
    with django_assert_max_num_queries(QUEUE_BUDGET):
        response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="moderation-row"') == 50
    assert "p=2" in html
    with django_assert_max_num_queries(QUEUE_BUDGET):
        assert client.get(reverse(QUEUE), {"p": 20}).status_code == 200


# 20 until the admin carried the company's name (the site and its settings:
# two queries on every admin page, not per comment).
QUEUE_BUDGET = 22


def test_tabs_filters_and_search(client, editor, public_post, internal_post):
    waiting = make_comment(public_post, comment="Frage zur Förderung")
    spam = make_comment(public_post, status="spam", comment="Billige Uhren")
    flagged = make_comment(public_post, status="approved", comment="Grenzwertig")
    CommentReport.objects.create(comment=flagged, reason="abuse")
    internal = make_comment(
        internal_post, comment="Interne Frage", user_email="kollegin@nordlicht.example"
    )
    client.force_login(editor)

    def rows(**params):
        html = client.get(reverse(QUEUE), params).content.decode()
        return {
            c.pk for c in (waiting, spam, flagged, internal) if f'data-comment="{c.pk}"' in html
        }

    assert rows(tab="waiting") == {waiting.pk, internal.pk}
    assert rows(tab="flagged") == {flagged.pk}
    assert rows(tab="spam") == {spam.pk}
    assert rows(tab="recent") == {waiting.pk, spam.pk, flagged.pk, internal.pk}
    assert rows(tab="recent", audience="internal") == {internal.pk}
    assert rows(tab="recent", audience="public") == {waiting.pk, spam.pk, flagged.pk}
    assert rows(tab="recent", email="kollegin") == {internal.pk}
    assert rows(tab="recent", q="förderung") == {waiting.pk} or rows(
        tab="recent", q="Förderung"
    ) == {waiting.pk}
    assert rows(tab="recent", post=internal_post.pk) == {internal.pk}
    assert rows(tab="recent", date_from="2000-01-01", date_to="2000-01-02") == set()


def test_every_action_is_logged_with_who_what_why(
    client, editor, public_post, guideline, mailoutbox, on_commit
):
    comment = make_comment(public_post)
    client.force_login(editor)
    detail = reverse("comment_moderation:detail", args=[comment.pk])

    def act(action, **extra):
        with on_commit():
            client.post(detail, {"action": action, "reason": f"Grund {action}", **extra})
        comment.refresh_from_db()

    act("approve")
    assert comment.is_public and comment.moderation_status == "approved"
    act("reject")  # no guideline: refused, nothing changes
    assert comment.is_public
    act("reject", guideline=guideline.pk)
    assert not comment.is_public and comment.moderation_status == "rejected"
    assert comment.rejected_for == guideline
    mail = [m for m in mailoutbox if m.to == ["petra@example.org"]]
    assert mail and "Respektvoll bleiben" in mail[0].body and "#respekt" in mail[0].body
    act("spam")
    assert comment.moderation_status == "spam" and not comment.is_public
    act("delete")
    assert comment.is_removed and comment.moderation_status == "deleted"
    act("restore")
    assert comment.is_public and not comment.is_removed
    act("block_email")
    assert BlockedSender.objects.filter(email="petra@example.org").exists()
    act("block_ip")
    assert BlockedSender.objects.filter(network="203.0.113.0/24").exists()

    entries = list(ModerationLogEntry.objects.filter(comment=comment).order_by("pk"))
    assert [e.action for e in entries] == [
        "approved",
        "rejected",
        "spam",
        "deleted",
        "restored",
        "blocked_email",
        "blocked_ip",
    ]
    assert all(e.actor == editor and e.created_at for e in entries)
    assert entries[1].guideline == guideline and entries[1].reason == "Grund reject"
    html = client.get(detail).content.decode()
    assert 'id="moderation-log"' in html and html.count("<tr data-action=") == 7


def test_bulk_actions_change_many(client, editor, public_post):
    comments = [make_comment(public_post, comment=f"Nr {n}") for n in range(3)]
    client.force_login(editor)
    client.post(reverse(QUEUE), {"action": "spam", "ids": [c.pk for c in comments[:2]]})
    assert StimmeComment.objects.filter(moderation_status="spam").count() == 2
    assert ModerationLogEntry.objects.filter(action="spam").count() == 2


def test_blocked_email_and_ip_range_are_refused(client, public_post, submit):
    BlockedSender.objects.create(email="petra@example.org")
    assert submit(public_post).status_code == 403
    BlockedSender.objects.all().delete()
    BlockedSender.objects.create(network="127.0.0.0/24")
    assert submit(public_post, email="other@example.org").status_code == 403
    assert not PendingComment.objects.exists()


def test_reply_as_company_is_official_answer(client, editor, public_post, on_commit):
    comment = make_comment(public_post)
    client.force_login(editor)
    with on_commit():
        client.post(
            reverse("comment_moderation:reply", args=[comment.pk]),
            {"text": "Danke, wir prüfen das."},
        )
    reply = StimmeComment.objects.get(comment="Danke, wir prüfen das.")
    assert reply.is_official_answer and reply.is_public and reply.parent_id == comment.pk
    assert reply.official_marked_by == editor
    comment.refresh_from_db()
    assert comment.is_public  # answering a waiting comment publishes it
    assert ModerationLogEntry.objects.filter(comment=comment, action="replied").exists()


def test_employee_without_moderation_rights_gets_403_everywhere(
    client, author_user, employee, public_post
):
    comment = make_comment(public_post)
    urls = [
        ("get", reverse(QUEUE)),
        ("post", reverse(QUEUE)),
        ("get", reverse("comment_moderation:detail", args=[comment.pk])),
        ("post", reverse("comment_moderation:detail", args=[comment.pk])),
        ("post", reverse("comment_moderation:reply", args=[comment.pk])),
    ]
    client.force_login(author_user)  # an employee who may open the admin
    for method, url in urls:
        response = getattr(client, method)(url, {"action": "approve", "ids": [comment.pk]})
        assert response.status_code == 403, url
    # An employee without admin access gets the same clear "no access".
    client.force_login(employee)
    for method, url in urls:
        response = getattr(client, method)(url, {"action": "approve", "ids": [comment.pk]})
        assert response.status_code == 403, url
    comment.refresh_from_db()
    assert comment.moderation_status == "waiting"


def test_moderators_group_moderates_without_page_rights(
    client, moderator, public_post, internal_post
):
    public = make_comment(public_post, comment="Öffentlich")
    internal = make_comment(internal_post, comment="Intern geheim")
    client.force_login(moderator)
    html = client.get(reverse(QUEUE)).content.decode()
    assert f'data-comment="{public.pk}"' in html
    assert "Intern geheim" not in html  # not an employee: no internal comments
    assert client.get(reverse("comment_moderation:detail", args=[internal.pk])).status_code == 404
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[public_post.pk]))
    assert edit.status_code != 200 or 'name="title"' not in edit.content.decode()
    client.post(reverse(QUEUE), {"action": "approve", "ids": [public.pk, internal.pk]})
    assert StimmeComment.objects.get(pk=public.pk).is_public
    assert not StimmeComment.objects.get(pk=internal.pk).is_public


def test_the_queue_is_the_only_comment_admin(client, editor, public_post):
    """No second "Moderation" or "Reports" listing: approving anywhere goes through the queue."""
    held = make_comment(public_post, comment="Wartet auf Freigabe")
    CommentReport.objects.create(comment=held, reason="spam", details="Werbung für Öfen")
    client.force_login(editor)
    for url in (
        "/admin/reader_comments/",
        f"/admin/reader_comments/edit/{held.pk}/",
        f"/admin/reader_comments/inspect/{held.pk}/",
        "/admin/comment_reports/",
    ):
        assert client.get(url).status_code == 404, url
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/reader_comments/" not in menu and "/admin/comment_reports/" not in menu
    assert reverse(QUEUE) in menu
    # Reports are the queue's "flagged" tab and each comment's page.
    flagged = client.get(reverse(QUEUE) + "?tab=flagged").content.decode()
    assert "Wartet auf Freigabe" in flagged
    detail = reverse("comment_moderation:detail", args=[held.pk])
    assert "Werbung für Öfen" in client.get(detail).content.decode()
    client.post(detail, {"action": "approve"})
    held.refresh_from_db()
    assert held.moderation_status == "approved" and held.is_public
    assert ModerationLogEntry.objects.get(comment=held).action == "approved"
    assert CommentReport.objects.get(comment=held).resolved_by == editor


def test_menu_item_shows_live_count_and_dashboard_panel(client, editor, public_post):

    make_comment(public_post)
    make_comment(public_post)
    old = make_comment(public_post, status="approved", comment="Keiner antwortet")
    StimmeComment.objects.filter(pk=old.pk).update(submit_date=timezone.now() - timedelta(hours=50))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Moderation queue (2)" in html or "(2)" in html
    assert 'id="comment-moderation-panel"' in html
    assert "Keiner antwortet" in html


def _rejected_staff_comment(client, editor, employee, post, guideline):
    comment = make_comment(
        post, status="approved", user=employee, is_staff_comment=True, comment="Zu scharf"
    )
    client.force_login(editor)
    client.post(
        reverse("comment_moderation:detail", args=[comment.pk]),
        {"action": "reject", "guideline": guideline.pk},
    )
    client.force_login(employee)
    return comment


def test_employee_reads_the_rejection_until_they_dismiss_it(
    client, editor, employee, public_post, guideline, post_moderation
):
    """The notice stays on the post until its author says „Verstanden“ (a POST)."""
    comment = _rejected_staff_comment(client, editor, employee, public_post, guideline)
    marker = f'data-rejected-comment="{comment.pk}"'
    for _visit in range(2):  # a reload (or a look in another tab) does not lose it
        html = client.get(public_post.url).text
        assert marker in html and "Respektvoll bleiben" in html
    dismiss = reverse("stimme_comments:dismiss_rejection", args=[comment.pk])
    assert f'action="{dismiss}"' in html
    response = client.post(dismiss, {"next": public_post.url})
    assert response.status_code == 302 and response.url.startswith(public_post.url)
    assert marker not in client.get(public_post.url).text


def test_showing_a_rejection_notice_writes_and_plans_nothing(
    client, editor, employee, public_post, guideline, settings
):
    """A GET of the post only reads: no UPDATE, no INSERT, no task planned."""
    comment = _rejected_staff_comment(client, editor, employee, public_post, guideline)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    # Settings rows are made on their first read (once per site, not per view).
    site = public_post.get_site()
    SiteSettings.for_site(site)
    CommentSettings.for_site(site)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(public_post.url).text

    assert f'data-rejected-comment="{comment.pk}"' in html
    writes = [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]
    assert not [sql for sql in writes if "stimme_comments" in sql or "task" in sql], writes
    assert list(default_task_backend.results) == []


def test_only_its_author_dismisses_a_rejection_and_only_by_post(
    client, editor, employee, public_post, guideline, django_user_model
):
    comment = _rejected_staff_comment(client, editor, employee, public_post, guideline)
    dismiss = reverse("stimme_comments:dismiss_rejection", args=[comment.pk])
    assert client.get(dismiss).status_code == 405
    colleague = django_user_model.objects.create_user("kai.kollege", "kai@nordlicht.example")
    client.force_login(colleague)
    assert client.post(dismiss).status_code == 404
    client.logout()
    assert client.post(dismiss).status_code in (302, 404)
    comment.refresh_from_db()
    assert comment.rejection_unseen


def test_an_official_answer_by_an_outside_moderator_answers_the_reader(
    editor, moderator, public_post, on_commit
):
    """The queue's "unanswered" counts the same company answers as the insights dashboard."""
    question = make_comment(public_post, status="approved", comment="Wann kommt die Förderung?")
    StimmeComment.objects.filter(pk=question.pk).update(
        submit_date=timezone.now() - timedelta(hours=50)
    )
    assert list(unanswered(editor)) == [question]

    with on_commit():
        reply_as_company(question, moderator, "Im Mai, sagt das Amt.")

    assert list(unanswered(editor)) == []


def test_refused_tab_shows_an_outside_moderator_only_refusals_on_posts_they_may_see(
    client, moderator, employee, public_post, internal_post, submit
):
    """Refusals keep the sender's address; one aimed at an internal post stays internal."""
    submit(public_post, email="leser.bot@example.org", website_confirm="http://spam.example")
    client.force_login(employee)
    submit(internal_post, client=client, email="jana.intern@nordlicht.example", website_confirm="x")
    assert ModerationLogEntry.objects.filter(comment__isnull=True).count() == 2

    client.force_login(moderator)
    response = client.get(reverse(QUEUE), {"tab": "refused"})

    assert response.status_code == 200
    assert "leser.bot@example.org" in response.text
    assert "jana.intern@nordlicht.example" not in response.text


def _row(html, comment):
    """The markup of ``comment``'s row in the queue."""
    start = html.index(f'data-comment="{comment.pk}"')
    return html[start : html.index("</tr>", start)]


def test_row_buttons_act_on_exactly_that_comment_and_return_to_the_tab(
    client, editor, public_post, guideline, on_commit
):
    """Approve, reject (with the row's guideline) and spam in one click each, never the ticked."""
    first, second, third, bystander = (
        make_comment(public_post, comment=f"Frage Nr. {n} zur Fußbodenheizung") for n in range(4)
    )
    client.force_login(editor)
    html = client.get(reverse(QUEUE), {"tab": "waiting", "q": "Fußbodenheizung"}).text
    row = _row(html, first)
    for action in ("approve", "spam"):
        assert f'name="row_action" value="{action}:{first.pk}"' in row, action
    assert f'name="row_action" value="reject:{first.pk}:{guideline.pk}"' in row
    assert reverse("comment_moderation:detail", args=[first.pk]) in row  # answer officially

    def press(action, comment, *rest):
        with on_commit():
            response = client.post(
                reverse(QUEUE),
                {
                    "row_action": ":".join(map(str, (action, comment.pk, *rest))),
                    "guideline": guideline.pk,  # the bulk bar's guideline: not used by a row
                    "ids": [bystander.pk],  # ticked, but a row button acts on its row only
                    "action": "delete",
                    "tab": "waiting",
                    "q": "Fußbodenheizung",
                },
            )
        assert response.status_code == 302
        assert "tab=waiting" in response.url and "q=Fu%C3%9Fbodenheizung" in response.url
        comment.refresh_from_db()
        return comment

    assert press("approve", first).moderation_status == "approved"
    rejected = press("reject", second, guideline.pk)
    assert rejected.moderation_status == "rejected" and rejected.rejected_for == guideline
    assert press("spam", third).moderation_status == "spam"
    bystander.refresh_from_db()
    assert bystander.moderation_status == "waiting" and not bystander.is_removed
    assert ModerationLogEntry.objects.filter(comment=bystander).count() == 0
    assert ModerationLogEntry.objects.filter(comment=first, actor=editor).get().action == "approved"


def test_row_action_cannot_reach_a_comment_outside_the_moderators_boundary(
    client, moderator, public_post, internal_post
):
    hidden = make_comment(internal_post, comment="Interne Überlegung zur Schließung")
    client.force_login(moderator)
    response = client.post(reverse(QUEUE), {"row_action": f"approve:{hidden.pk}", "tab": "waiting"})
    assert response.status_code in (302, 404)
    hidden.refresh_from_db()
    assert hidden.moderation_status == "waiting" and not hidden.is_public
    assert not ModerationLogEntry.objects.filter(comment=hidden).exists()
    follow = client.get(reverse(QUEUE)).text
    assert "Interne Überlegung" not in follow


def test_answering_officially_returns_to_the_queue_tab(client, editor, public_post, on_commit):
    comment = make_comment(public_post, status="approved", comment="Wann kommt der Rückruf?")
    CommentReport.objects.create(comment=comment, reason="other")
    client.force_login(editor)
    detail = client.get(
        reverse("comment_moderation:detail", args=[comment.pk]), {"tab": "flagged"}
    ).text
    assert 'name="tab" value="flagged"' in detail  # the reply form remembers the tab
    with on_commit():
        response = client.post(
            reverse("comment_moderation:reply", args=[comment.pk]),
            {"text": "Morgen früh, versprochen.", "tab": "flagged"},
        )
    assert response.status_code == 302
    assert response.url.startswith(reverse(QUEUE)) and "tab=flagged" in response.url
    queue = client.get(response.url).text
    assert "official answer" in queue or "offizielle Antwort" in queue


def test_the_comment_text_comes_first_in_the_row_and_on_the_detail_page(
    client, editor, public_post
):
    text = (
        "Ich habe eine ausführliche Frage zur Wärmepumpe: wie verhält sich die Anlage bei "
        "strengem Frost, und muss der Heizstab dann häufig zuschalten?"
    )
    comment = make_comment(public_post, comment=text, user_name="Jörg Weiß")
    client.force_login(editor)
    row = _row(client.get(reverse(QUEUE)).text, comment)
    assert text in row  # the whole text, not a cut-off excerpt
    assert row.index(text) < row.index("Jörg Weiß") < row.index(public_post.title)
    detail = client.get(reverse("comment_moderation:detail", args=[comment.pk])).text
    body = detail[detail.index('id="moderation-detail"') :]
    assert body.index(text) < body.index("Jörg Weiß")


def test_tabs_are_wagtails_and_the_filters_fold_away_above_the_list(client, editor, public_post):
    """Tabs in Wagtail's own tab markup; the filter form folded unless a filter is on.

    The queue used to open with a bare list of links and an unstyled form of six
    fields, which pushed the comments below the first screen.
    """
    make_comment(public_post, comment="Gibt es Fördergeld für die Wärmepumpe?")
    client.force_login(editor)
    html = client.get(reverse(QUEUE)).text
    assert 'role="tablist"' in html, "Wagtail's tab list"
    tabs = html[html.index('role="tablist"') : html.index("</nav>", html.index('role="tablist"'))]
    assert 'class="w-tabs' in html and tabs.count('role="tab"') >= 4
    assert 'aria-selected="true"' in tabs
    folded = re.search(r"<details[^>]*moderation-filter-panel[^>]*>", html)
    assert folded and " open" not in folded.group(0), "the filters start folded away"
    # Nothing of the filter form is a visible field before the list.
    before_list = html[: html.index('id="moderation-list"')]
    outside_folds = re.sub(r"<details.*?</details>", "", before_list, flags=re.S)
    assert not re.search(r"<(select|textarea)\b|<input(?![^>]*type=\"hidden\")", outside_folds)
    filtered = client.get(reverse(QUEUE), {"q": "Fördergeld"}).text
    panel = re.search(r"<details[^>]*moderation-filter-panel[^>]*>", filtered).group(0)
    assert " open" in panel, "an active filter stays in view"
