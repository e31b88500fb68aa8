# Random choices here simulate people; they protect nothing.
# ruff: noqa: S311

"""The people of the soak, one thread each: readers, public commenters, employees, an editor.

Each behaves as a person with a browser would: loads a page before sending
its form, takes at least ``COMMENTS_MIN_SUBMIT_SECONDS`` to write, keeps to
the flood limits the site publishes, reads its mail before confirming.
Every comment carries a unique marker, and the ``Ledger`` notes what the
site answered, so ``soak/check.py`` can find each one in the database.
"""

import random
import re
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from .browser import REPLY_LINK, Browser, Stats, form_posting_to, forms_in
from .mailbox import Mailbox

CONFIRM_SHARE = 0.7  # public commenters who click the link in their mail
DOUBLE_CLICK_EVERY = 4  # every fourth confirming reader clicks the link twice at once
MAIL_WAIT_SECONDS = 45
REJECT_EVERY = 5  # the editor rejects one waiting comment in five
QUEUE_IDS = re.compile(r'name="ids" value="(\d+)"')

TEXTS = [
    "Wie verhält sich die Anlage bei minus zehn Grad?",
    "Danke für den offenen Bericht, das hilft bei unserer Planung.",
    "Gibt es dazu auch Zahlen aus dem letzten Winter?",
    "Wir überlegen, im Altbau umzurüsten. Welche Vorlauftemperatur braucht ihr?",
    "Spannend! Wie lange hat die Genehmigung gedauert?",
]


@dataclass
class Rules:
    """The comment rules the soak's site runs with; the people keep to them."""

    min_submit_seconds: int
    flood_interval_seconds: int
    flood_per_hour: int


@dataclass
class Ledger:
    """Every comment attempt: marker, audience, the site's answer."""

    entries: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, marker: str, audience: str, answer, accepted: bool) -> dict:
        if accepted:
            outcome = "accepted"
        elif 400 <= answer.status < 500:
            outcome = "refused"
        else:
            outcome = "error"
        entry = {
            "marker": marker,
            "audience": audience,
            "status": answer.status,
            "outcome": outcome,
            "confirmed": False,
        }
        with self.lock:
            self.entries.append(entry)
        return entry


@dataclass
class Soak:
    """What all threads share: the site, the clock, the counters."""

    base: str
    site: dict
    rules: Rules
    mailbox: Mailbox
    deadline: float
    stats: Stats = field(default_factory=Stats)
    ledger: Ledger = field(default_factory=Ledger)
    lock: threading.Lock = field(default_factory=threading.Lock)
    published: list = field(default_factory=list)
    moderated: dict = field(default_factory=lambda: {"approve": 0, "reject": 0})
    problems: list = field(default_factory=list)
    confirmations: int = 0
    load: float = 0.0
    double_clicks: int = 0
    _identities: int = 0

    def running(self) -> bool:
        return time.monotonic() < self.deadline

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)

    def identity(self) -> tuple[str, str, str]:
        """A new public reader: own address, own email, a name."""
        with self.lock:
            self._identities += 1
            n = self._identities
        return f"10.1.{n // 250}.{n % 250 + 1}", f"leserin{n}@soak.example", f"Leserin {n}"

    def public_posts(self) -> list[str]:
        with self.lock:
            return self.site["commentable_public"] + self.published


def marker() -> str:
    return f"[soak-{secrets.token_hex(6)}]"


def pause(low: float, high: float) -> None:
    time.sleep(random.uniform(low, high))


# --- Readers ----------------------------------------------------------------------


def reader(soak: Soak, n: int) -> None:
    browser = Browser(soak.base, soak.stats, f"10.0.{n}.1")
    site = soak.site
    while soak.running():
        roll = random.random()
        if roll < 0.25:
            browser.get("read listing", random.choice(site["listings"]))
        elif roll < 0.60:
            posts = site["public_posts"] + soak.published
            browser.get("read post", random.choice(posts))
        elif roll < 0.75:
            browser.get("read person", random.choice(site["people"]))
        elif roll < 0.87:
            query = urllib.parse.urlencode({"q": random.choice(site["searches"])})
            browser.get("read search", f"/search/?{query}")
        else:
            browser.get("read feed", random.choice(site["feeds"]))
        pause(0.05, 0.3)


# --- Public commenters ------------------------------------------------------------


def public_commenter(soak: Soak, n: int) -> None:
    while soak.running():
        ip, email, name = soak.identity()
        browser = Browser(soak.base, soak.stats, ip)
        post = random.choice(soak.public_posts())
        page = browser.get("comment form", post)
        form = form_posting_to(page.body, "/comments/post/")
        if form is None:
            if page.status == 200:
                soak.problem(f"no comment form on {post}")
            continue
        # Writing takes longer than the anti-bot minimum.
        time.sleep(soak.rules.min_submit_seconds + random.uniform(0.5, 2.5))
        mark = marker()
        data = {
            **form.fields,
            "name": name,
            "email": email,
            "comment": f"{random.choice(TEXTS)} {mark}",
            "consent": "on",
            "website_confirm": "",
        }
        answer = browser.post("comment post", form.action, data, referer=post)
        accepted = answer.status == 302 and "/comments/pending/" in answer.location
        entry = soak.ledger.add(mark, "public", answer, accepted)
        if not accepted:
            continue
        browser.get("comment pending page", answer.location)
        if random.random() < CONFIRM_SHARE:
            _confirm(soak, browser, email, entry)


def _confirm(soak: Soak, browser: Browser, email: str, entry: dict) -> None:
    link = soak.mailbox.confirmation_link(email, MAIL_WAIT_SECONDS)
    if link is None:
        soak.problem(f"{entry['marker']}: no confirmation mail within {MAIL_WAIT_SECONDS} s")
        return
    with soak.lock:
        soak.confirmations += 1
        twice = soak.confirmations % DOUBLE_CLICK_EVERY == 0
    if twice:
        # An impatient reader clicks twice: two requests at once, one comment.
        answers = []
        clicks = [
            threading.Thread(target=lambda: answers.append(browser.get("comment confirm", link)))
            for _ in range(2)
        ]
        for click in clicks:
            click.start()
        for click in clicks:
            click.join()
        with soak.lock:
            soak.double_clicks += 1
    else:
        answers = [browser.get("comment confirm", link)]
    entry["confirmed"] = any(answer.status == 302 for answer in answers)


# --- Employees --------------------------------------------------------------------


def employee(soak: Soak, n: int, account: dict) -> None:
    browser = Browser(soak.base, soak.stats, f"10.2.0.{n + 1}")
    site = soak.site
    if not browser.login(account["username"], account["password"], site["internal_index"]):
        soak.problem(f"employee {account['username']} could not log in")
        return
    posted: list[float] = []
    while soak.running():
        browser.get("internal listing", site["internal_index"])
        post = random.choice(site["commentable_internal"])
        page = browser.get("internal post", post)
        if _may_post_again(soak.rules, posted) and page.status == 200:
            _employee_comment(soak, browser, post, page.body)
            posted.append(time.monotonic())
        else:
            browser.get("internal read", random.choice(site["internal_posts"]))
        pause(0.5, 2.0)


def _may_post_again(rules: Rules, posted: list[float]) -> bool:
    """The site's flood limits, kept by a colleague who reads the help text."""
    now = time.monotonic()
    if posted and now - posted[-1] < rules.flood_interval_seconds + 1:
        return False
    recent = [moment for moment in posted if now - moment < 3600]
    return not rules.flood_per_hour or len(recent) < rules.flood_per_hour


def _employee_comment(soak: Soak, browser: Browser, post: str, html: str) -> None:
    replies = REPLY_LINK.findall(html)
    if replies and random.random() < 0.3:
        page = browser.get("internal reply form", f"/comments/reply/{random.choice(replies)}/")
        html = page.body
    form = form_posting_to(html, "/comments/post/")
    if form is None:
        soak.problem(f"no comment form for an employee on {post}")
        return
    time.sleep(soak.rules.min_submit_seconds + random.uniform(0.5, 2.0))
    mark = marker()
    data = {**form.fields, "comment": f"Intern: {random.choice(TEXTS)} {mark}"}
    answer = browser.post("internal comment", form.action, data, referer=post)
    accepted = answer.status == 302 and "/comments/pending/" not in answer.location
    soak.ledger.add(mark, "internal", answer, accepted)


# --- The editor -------------------------------------------------------------------


def editor(soak: Soak, publish_every: float) -> None:
    browser = Browser(soak.base, soak.stats, "10.3.0.1")
    account = soak.site["editor"]
    if not browser.login(account["username"], account["password"], "/admin/"):
        soak.problem("the editor could not log in")
        return
    browser.get("editor admin", "/admin/")
    drafts = list(soak.site["drafts"])
    next_publish = time.monotonic()
    while soak.running():
        if drafts and time.monotonic() >= next_publish:
            _publish(soak, browser, drafts.pop(0))
            next_publish += publish_every
        _moderate(soak, browser)
        pause(1.5, 3.0)
    if len(drafts) == len(soak.site["drafts"]):
        soak.problem("the editor published nothing")


def _publish(soak: Soak, browser: Browser, draft: dict) -> None:
    """Wagtail's own publish action from the page explorer (bulk action, one page)."""
    path = f"/admin/bulk/wagtailcore/page/publish/?id={draft['id']}"
    page = browser.get("editor publish form", path)
    form = next((f for f in forms_in(page.body) if f.method.lower() == "post"), None)
    if form is None:
        soak.problem(f"no publish form for draft {draft['id']} ({page.status})")
        return
    answer = browser.post("editor publish", form.action or path, form.fields, referer=path)
    if answer.status != 302:
        soak.problem(f"publishing draft {draft['id']} answered {answer.status}")
        return
    with soak.lock:
        soak.published.append(draft["url"])


def _moderate(soak: Soak, browser: Browser) -> None:
    """Approve what waits in the queue; reject one in five for a guideline."""
    path = "/admin/comment-moderation/?tab=waiting"
    page = browser.get("editor queue", path)
    form = next((f for f in forms_in(page.body) if "action" in f.selects), None)
    ids = QUEUE_IDS.findall(page.body)
    if form is None or not ids:
        return
    rejected = [pk for pk in ids if int(pk) % REJECT_EVERY == 0]
    guideline = next((value for value in form.selects.get("guideline", []) if value), "")
    for action, chosen in (
        ("approve", [pk for pk in ids if pk not in rejected]),
        ("reject", rejected),
    ):
        if not chosen or (action == "reject" and not guideline):
            continue
        data = {**form.fields, "ids": chosen, "action": action, "reason": "Soak"}
        if action == "reject":
            data["guideline"] = guideline
        answer = browser.post("editor moderate", form.action or path, data, referer=path)
        if answer.status == 302:
            with soak.lock:
                soak.moderated[action] += len(chosen)
