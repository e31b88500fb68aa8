"""Demo polls: a public one under a blog post, an internal one with a decision record.

Idempotent: polls are looked up by question, and a post gets its poll block
only once. Posts are found by slug through Wagtail's page tree, so this app
imports neither the blog nor the internal app. The body is updated as a new
revision that becomes live without "publishing" again, so seeding sends no
notifications to colleagues.
"""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from .models import Ballot, BallotChoice, Poll, PollOption
from .voters import browser_hash

SEED_ORDER = 35

PUBLIC_POLL = {
    "post_slug": "kommunikation-in-beide-richtungen",
    "question": "Worüber sollen wir als Nächstes ausführlicher schreiben?",
    "kind": Poll.Kind.MULTIPLE,
    "internal": False,
    "closes_in_days": 30,
    "results_shown": Poll.ResultsShown.AFTER_VOTING,
    "options": [
        ("Wärmepumpen im Altbau", 14),
        ("Kommunale Wärmeplanung", 9),
        ("Ausbildung bei Nordlicht", 5),
        ("Ein Blick in unsere Fertigung", 11),
    ],
    "decision": "",
}

INTERNAL_POLL = {
    "post_slug": "sommerfest-husumer-hafen",
    "question": "Wie möchtet ihr aus Kiel und Hamburg zum Sommerfest anreisen?",
    "kind": Poll.Kind.SINGLE,
    "internal": True,
    "closes_in_days": -3,
    "results_shown": Poll.ResultsShown.AFTER_CLOSING,
    "options": [
        ("Mit dem gemeinsamen Bus", 0),
        ("Mit der Bahn (Ticket zahlt Nordlicht)", 0),
        ("In Fahrgemeinschaften", 0),
    ],
    "decision": (
        "Die meisten von euch wollen gemeinsam anreisen: Der Bus fährt um 12:30 Uhr in "
        "Hamburg und um 13:00 Uhr in Kiel ab und bringt alle gegen Mitternacht zurück.\n\n"
        "Wer lieber mit der Bahn kommt, reicht das Ticket wie eine Dienstreise ein. "
        "Das bleibt möglich, weil einige nach dem Fest direkt ins Wochenende an die "
        "Küste fahren wollen."
    ),
}

# Who voted in the internal demo poll (account, option index).
INTERNAL_VOTES = [
    ("jonas.berger", 0),
    ("aylin.demir", 0),
    ("katrin.albers", 1),
    ("miriam.hoffmann", 0),
    ("admin", 2),
]


def seed(ctx) -> None:
    """Two polls with votes, each embedded at the end of one demo post."""
    now = timezone.now()
    public = _poll(PUBLIC_POLL, now)
    internal = _poll(INTERNAL_POLL, now)
    if not public.ballots.exists():
        _public_votes(public, PUBLIC_POLL["options"], now)
    if not internal.ballots.exists():
        _internal_votes(internal, now)
    embedded = sum(
        _embed(spec["post_slug"], poll)
        for spec, poll in ((PUBLIC_POLL, public), (INTERNAL_POLL, internal))
    )
    ctx.objects["polls"] = {"public": public, "internal": internal}
    ctx.log(f"  polls: 2 polls ready, {embedded} newly embedded in posts")


def _poll(spec: dict, now) -> Poll:
    poll = Poll.objects.filter(question=spec["question"]).first()
    if poll:
        return poll
    poll = Poll(
        question=spec["question"],
        kind=spec["kind"],
        internal=spec["internal"],
        closes_at=now + timedelta(days=spec["closes_in_days"]),
        results_shown=spec["results_shown"],
        decision=spec["decision"],
        created_at=now - timedelta(days=14),
    )
    poll.options = [PollOption(label=label) for label, _votes in spec["options"]]
    poll.save()
    return poll


def _public_votes(poll: Poll, options_spec: list, now) -> None:
    """Anonymous ballots as readers' browsers would leave them (hashes only)."""
    options = list(poll.options.order_by("sort_order"))
    rng = secrets.SystemRandom()
    largest = max(votes for _label, votes in options_spec)
    for number in range(largest):
        picked = [
            option
            for option, (_label, votes) in zip(options, options_spec, strict=True)
            if number < votes
        ]
        ballot = Ballot.objects.create(
            poll=poll,
            browser_hash=browser_hash(poll.pk, secrets.token_urlsafe(24)),
            cast_at=now - timedelta(hours=rng.randint(1, 300)),
        )
        BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, option=o) for o in picked])


def _internal_votes(poll: Poll, now) -> None:
    options = list(poll.options.order_by("sort_order"))
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[n for n, _i in INTERNAL_VOTES])
    }
    for username, index in INTERNAL_VOTES:
        user = users.get(username)
        if user is None:
            continue
        ballot = Ballot.objects.create(poll=poll, user=user, cast_at=now - timedelta(days=5))
        BallotChoice.objects.create(ballot=ballot, option=options[index])


def _embed(slug: str, poll: Poll) -> int:
    """Append the poll to the post's body as a new live revision; 1 if it was added."""
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        return 0
    post = page.specific
    body = getattr(post, "body", None)
    if body is None:
        return 0
    if any(
        block.block_type == "poll" and block.value and block.value.pk == poll.pk for block in body
    ):
        return 0
    body.append(("poll", poll))
    post.save()
    revision = post.save_revision()
    # Live at once, without the page_published signal (no mail about demo content).
    Page.objects.filter(pk=post.pk).update(live_revision=revision, has_unpublished_changes=False)
    return 1
