"""After the soak: compare what the site told its visitors with what the database holds (JSON).

Run by ``soak/run.py`` with the soak's database once the traffic has
stopped. Input: the ledger (every comment a simulated person tried to
post, with a unique marker in its text, and what the site answered).
Waits until the worker has sent every due mail, then reports:

- each comment the site accepted is stored exactly once: a reader's as one
  ``PendingComment`` (plus one ``StimmeComment`` once confirmed), an
  employee's as one ``StimmeComment``; refused ones not at all;
- each stored reader comment has its confirmation mail in the outbox;
- the visible comment count of every live post, for comparison with pages.
"""

import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_seed")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.utils import timezone  # noqa: E402

from blog.models import BlogPostPage  # noqa: E402
from comments.models import PendingComment, StimmeComment  # noqa: E402
from comments.models.moderation import ModerationStatus  # noqa: E402
from internal.models import InternalPostPage  # noqa: E402
from operations.models import OutboxMessage  # noqa: E402

MARKER = re.compile(r"\[soak-[0-9a-f]{12}\]")
DRAIN_SECONDS = 60


def drain_outbox() -> float:
    """Wait until no mail is due (the worker sends it); returns the seconds waited."""
    started = time.monotonic()
    waiting = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING]
    )
    while time.monotonic() - started < DRAIN_SECONDS:
        if not waiting.filter(next_try_at__lte=timezone.now()).exists():
            break
        time.sleep(1)
    return time.monotonic() - started


def _by_marker(queryset) -> dict[str, list]:
    found: dict[str, list] = {}
    for row in queryset.filter(comment__contains="[soak-"):
        for marker in MARKER.findall(row.comment):
            found.setdefault(marker, []).append(row)
    return found


def verify_comments(ledger: list[dict]) -> dict:
    pending = _by_marker(PendingComment.objects.all())
    stored = _by_marker(StimmeComment.objects.all())
    problems, mail_problems = [], []
    confirmation_keys = set(
        OutboxMessage.objects.filter(key__startswith="comments:confirm:").values_list(
            "key", flat=True
        )
    )
    confirmed_keys = {key.split(":")[2] for key in confirmation_keys}
    statuses = Counter()
    for entry in ledger:
        marker = entry["marker"]
        waiting, published = pending.get(marker, []), stored.get(marker, [])
        if entry["outcome"] == "refused" and (waiting or published):
            problems.append(f"{marker}: refused ({entry['status']}) but stored")
            continue
        if entry["outcome"] != "accepted":
            if len(waiting) > 1 or len(published) > 1:
                problems.append(f"{marker}: unanswered ({entry['status']}) and stored twice")
            continue
        if entry["audience"] == "public":
            expected_published = 1 if waiting and waiting[0].published_id else 0
            if len(waiting) != 1 or len(published) != expected_published:
                problems.append(
                    f"{marker}: accepted; {len(waiting)} pending, {len(published)} published"
                )
                continue
            if entry.get("confirmed") and not waiting[0].confirmed_at:
                problems.append(f"{marker}: confirmation accepted but not recorded")
            if str(waiting[0].pk) not in confirmed_keys:
                mail_problems.append(f"{marker}: no confirmation mail in the outbox")
        elif len(published) != 1 or waiting:
            problems.append(f"{marker}: accepted; {len(published)} stored, {len(waiting)} pending")
            continue
        for comment in published:
            statuses[f"{entry['audience']} {comment.moderation_status}"] += 1
        if entry["audience"] == "public" and not published:
            statuses["public unconfirmed"] += 1
    known = {entry["marker"] for entry in ledger}
    strangers = (set(pending) | set(stored)) - known
    problems += [f"{marker}: stored but never sent by the soak" for marker in sorted(strangers)]
    return {"problems": problems, "mail_problems": mail_problems, "statuses": dict(statuses)}


def outbox() -> dict:
    mails = OutboxMessage.objects.filter(key__startswith="comments:confirm:")
    by_status = Counter(mails.values_list("status", flat=True))
    return {
        "confirmations": mails.count(),
        "by_status": dict(by_status),
        "all_mail": OutboxMessage.objects.count(),
        "sent_confirmation_recipients": sorted(
            mails.filter(status=OutboxMessage.Status.SENT).values_list("to", flat=True)
        ),
    }


def visible_counts() -> dict[str, int]:
    """Visible, not deleted comments per live post URL, counted straight from the table."""
    counts = {}
    for model in (BlogPostPage, InternalPostPage):
        content_type = ContentType.objects.get_for_model(model)
        totals = Counter(
            StimmeComment.objects.filter(
                content_type=content_type,
                site_id=settings.SITE_ID,
                is_public=True,
                is_removed=False,
            ).values_list("object_pk", flat=True)
        )
        for post in model.objects.live():
            counts[post.url] = totals.get(str(post.pk), 0)
    return counts


def main(ledger_path: str) -> dict:
    ledger = json.loads(Path(ledger_path).read_text())
    waited = drain_outbox()
    return {
        "drain_seconds": round(waited, 1),
        "comments": verify_comments(ledger),
        "outbox": outbox(),
        "counts": visible_counts(),
        "held_now": StimmeComment.objects.filter(
            moderation_status=ModerationStatus.WAITING
        ).count(),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
