"""Every link in every mail the site sends works and points at the running site.

The mails come the way they do under ``make run``: the server or the
worker (``run_worker``) sends them over SMTP to a real server on loopback,
and the test reads them from there. Each link is opened by the mail's
recipient (signed in, for staff) and must answer 200, or redirect
deliberately (listed below) to a page of the site that answers 200.
"""

import re
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.utils import timezone

from blog.models import BlogIndexPage, BlogPostPage
from comments.models import StimmeComment
from internal.models import InternalPostPage
from internal.models.notifications import NotificationPreference
from tests.helpers.browser import log_in

from .forms import form_on

READER_NAME = "Jörg Größmann-Weiß"
READER_EMAIL = "joerg.groessmann@husum.example"
READER_COMMENT = "Schöne Grüße aus der Süderstraße: Die Wärmepumpe läuft seit März ohne Ärger."
EDITOR = "miriam.hoffmann"
WORKFLOW_TITLE = "Wärmepumpen im Altbau: Größere Heizkörper, weniger Ärger"
QUEUE = "/admin/comment-moderation/"
User = get_user_model()
REPLY = "Danke, Herr Größmann! Genau für solche Rückmeldungen schreiben wir hier. Grüße, Jonas"

# Deliberate redirects of links in mails: (path it starts at, path it may lead to).
MAIL_REDIRECTS = [
    # Confirming a comment lands on its post, where the reader sees the outcome,
    # or, while it waits for moderation, on its status page.
    (r"^/comments/confirm/", r"^/blog/[^/]+/$"),
    (r"^/comments/confirm/", r"^/comments/pending/[^/]+/$"),
    # Django's reset view moves the token out of the URL into the session.
    (r"^/login/passwort/neu/[^/]+/[^/]+/$", r"^/login/passwort/neu/[^/]+/set-password/$"),
]


def open_link(browser, base_url: str, url: str) -> str:
    """Open ``url`` like a mail client hands it to the browser; '' if fine, else the problem."""
    if not url.startswith(base_url + "/"):
        return f"not the site's address ({base_url})"
    path = url[len(base_url) :]
    for _hop in range(5):
        answer = browser.get(path)
        if answer.status == 200:
            return ""
        location = answer.headers.get("Location", "")
        if answer.status not in (301, 302, 303, 307, 308):
            return f"HTTP {answer.status} at {path}"
        target = urlsplit(urljoin(base_url + path, location))
        if f"{target.scheme}://{target.netloc}" != base_url:
            return f"redirect off the site: {path} -> {location}"
        if not any(
            re.search(source, urlsplit(path).path) and re.search(goal, target.path)
            for source, goal in MAIL_REDIRECTS
        ):
            return f"{answer.status} redirect not expected: {path} -> {location}"
        path = target.path + (f"?{target.query}" if target.query else "")
    return f"too many redirects from {url}"


def check_mail(live_site, mail, browser=None) -> None:
    """Every link of ``mail`` works for its recipient (``browser``: theirs, signed in)."""
    assert mail.links, f"a mail without links: {mail.subject!r}\n{mail.text}"
    browser = browser or live_site.browser()
    problems = [
        f"{problem}: {url}"
        for url in mail.links
        if (problem := open_link(browser, live_site.url, url))
    ]
    assert not problems, (
        f"broken links in the mail {mail.subject!r} to {mail.to}:\n"
        + "\n".join(problems)
        + f"\n{live_site.log_tail()}"
    )


def recipient_browser(live_site, mail):
    """The recipient's own browser: signed in if the address is a demo account's."""
    user = get_user_model().objects.filter(email__iexact=mail.to[0]).first()
    return live_site.signed_in(user.get_username()) if user else live_site.browser()


def commentable_post(browser):
    """The newest public post whose page offers the comment form."""
    for post in BlogPostPage.objects.live().public().order_by("-first_published_at"):
        told = any(getattr(person, "user", None) for person in post.author_people())
        if told and 'action="/comments/post/"' in browser.get(post.url).text:
            return post
    raise AssertionError("no public post by an author with an account takes comments")


def post_comment(browser, page_path: str, data: dict):
    page = browser.get(page_path)
    assert page.status == 200, page.status
    action, fields = form_on(page.text, page_path, action="/comments/post/", field="comment")
    answer = browser.post(action, {**fields, **data})
    assert answer.status in (302, 303), f"comment refused ({answer.status}): {answer.text[:800]}"
    return answer


def test_comment_confirmation_reply_and_author_mails(live_db):
    reader = live_db.browser()
    post = commentable_post(reader)
    mark = live_db.mail_mark()
    post_comment(
        reader,
        post.url,
        {
            "name": READER_NAME,
            "email": READER_EMAIL,
            "comment": READER_COMMENT,
            "followup": "on",
            "consent": "on",
        },
    )
    confirmation = live_db.wait_for_mail(
        lambda mail: READER_EMAIL in mail.to, since=mark, what=f"to {READER_EMAIL}"
    )
    assert confirmation.link("/comments/confirm/")
    # The reader clicks the links in the browser they commented from.
    check_mail(live_db, confirmation, reader)

    # A first comment from a new address waits for a moderator, who gets word.
    comment = StimmeComment.objects.get(user_email=READER_EMAIL)
    assert not comment.is_public
    miriam = User.objects.get(username=EDITOR)
    waiting = live_db.wait_for_mail(
        lambda mail: miriam.email in mail.to, since=mark, what="to the moderators"
    )
    editor = live_db.signed_in(EDITOR)
    check_mail(live_db, waiting, editor)

    mark = live_db.mail_mark()
    queue = editor.get(QUEUE)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', queue.text).group(1)
    answer = editor.post(
        QUEUE, {"csrfmiddlewaretoken": token, "row_action": f"approve:{comment.pk}"}
    )
    assert answer.status in (200, 302), answer.status
    comment.refresh_from_db()
    assert comment.is_public, "the editor's approval did not publish the comment"
    authors = {
        person.user.email for person in post.author_people() if getattr(person, "user", None)
    }
    assert authors, f"{post.title}: no author with an account to tell"
    author_mail = live_db.wait_for_mail(
        lambda mail: set(mail.to) & authors, since=mark, what=f"to the post's authors {authors}"
    )
    check_mail(live_db, author_mail, recipient_browser(live_db, author_mail))

    mark = live_db.mail_mark()
    jonas = live_db.signed_in("jonas.berger")
    post_comment(jonas, f"/comments/reply/{comment.pk}/", {"comment": REPLY})
    reply = live_db.wait_for_mail(
        lambda mail: READER_EMAIL in mail.to, since=mark, what="reply notification"
    )
    assert "Größmann" in reply.text or READER_NAME in reply.text
    assert reply.link("/comments/mute/")
    check_mail(live_db, reply, live_db.browser())


def test_password_reset_mail(live_db):
    user = get_user_model().objects.get(username="jonas.berger")
    mark = live_db.mail_mark()
    browser = live_db.browser()
    page = browser.get("/login/passwort/")
    action, fields = form_on(page.text, "/login/passwort/", field="email")
    answer = browser.post(action, {**fields, "email": user.email})
    assert answer.status == 302, answer.text[:500]
    mail = live_db.wait_for_mail(lambda mail: user.email in mail.to, since=mark, what="reset")
    assert mail.link("/login/passwort/neu/")
    check_mail(live_db, mail, live_db.browser())


def test_digest_mails(live_db):
    """The employees' daily digest and the editors' weekly listening summary."""
    aylin = get_user_model().objects.get(username="aylin.demir")
    preference = NotificationPreference.objects.get(user=aylin)
    assert preference.frequency == NotificationPreference.Frequency.DAILY_DIGEST
    # Her last digest a month ago: the demo's internal posts are news to her.
    preference.last_digest_at = timezone.now() - timedelta(days=30)
    preference.save(update_fields=["last_digest_at"])
    assert InternalPostPage.objects.live().exists()

    mark = live_db.mail_mark()
    live_db.manage("send_internal_digest")
    digest = live_db.wait_for_mail(lambda mail: aylin.email in mail.to, since=mark, what="digest")
    assert any("/intern/" in url for url in digest.links), digest.links
    check_mail(live_db, digest, live_db.signed_in("aylin.demir"))

    mark = live_db.mail_mark()
    live_db.manage("send_weekly_insights")
    summary = live_db.wait_for_mail(lambda mail: True, since=mark, what="weekly summary")
    check_mail(live_db, summary, recipient_browser(live_db, summary))


def test_workflow_mail_to_the_editor(live_db, browser):
    """An executive submits a post for review in the admin; the editor's mail links work."""
    blog_index = BlogIndexPage.objects.get()
    context = browser.new_context(locale="de-DE")
    try:
        katrin = context.new_page()
        katrin.set_default_timeout(15_000)
        log_in(katrin, live_db.url, "katrin.albers", live_db.password)
        katrin.goto(f"{live_db.url}/admin/pages/add/blog/blogpostpage/{blog_index.pk}/")
        katrin.locator("#id_title").fill(WORKFLOW_TITLE)
        katrin.locator("#id_teaser").fill("Vorlauftemperatur, Heizkörper, Geduld: unsere Bilanz.")
        mark = live_db.mail_mark()
        katrin.get_by_role("button", name="Mehr Aktionen").click()
        with katrin.expect_navigation():
            katrin.get_by_role(
                "button", name=re.compile("Freigabe durch Redaktion einreichen")
            ).click()
    finally:
        context.close()
    miriam = User.objects.get(username=EDITOR)
    mail = live_db.wait_for_mail(
        lambda mail: miriam.email in mail.to and WORKFLOW_TITLE in mail.subject + mail.text,
        since=mark,
        what="the workflow mail to the editor",
    )
    assert mail.link("/admin/pages/")
    check_mail(live_db, mail, live_db.signed_in(EDITOR))
