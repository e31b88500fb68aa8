"""A known data set for the listening figures: comments with answer times, must-reads, departments.

Public comments (period: the last seven days; T0 = six days ago):

=====  =====  ======================  ============================
name   post   written                 company answer after
=====  =====  ======================  ============================
c1     P1     T0                      1 h (staff)
c2     P1     T0                      2 h (official answer, not staff)
c3     P1     T0                      3 h (staff)
c4     P1     T0                      5 h (staff)
c5     P1     T0                      24 h (staff)
c6     P1     T0 + 10 h               – (unanswered)
c13    P1     T0 + 3 h, reply to c1's answer   – (unanswered)
c8     P2     T0                      48 h (staff)
c9     P2     T0, held for moderation – (received, not listed: not visible)
c10    P2     T0, spam                not counted at all
c11    P1     T0 - 10 d               – (unanswered, before the period)
c12    P2     T0 - 9 d                answered at T0 + 1 h (before the period: not received)
=====  =====  ======================  ============================

Received 9, answered 6 (67 %), times 1, 2, 3, 5, 24, 48 h: median 4 h,
90th percentile (nearest rank: 6th of 6) 48 h. Unanswered, oldest first:
c11, c13, c6. Published comments in the period: P1 12, P2 3.
"""

from datetime import timedelta

from django.utils import timezone

import pytest

from comments.models import ModerationStatus
from internal.models import Acknowledgement
from tests.factories.blog import BlogPostFactory
from tests.factories.comments import CommentFactory
from tests.factories.core import UserFactory
from tests.factories.internal import InternalPostFactory
from tests.factories.people import DepartmentFactory, employee_with_profile

# Imported by this folder's tests from here.
__all__ = ["make_comment", "make_public_post"]


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def t0(now):
    return now - timedelta(days=6)


@pytest.fixture
def moderator(db):
    """In the Moderators group only: moderates, is no employee."""
    return UserFactory(username="mo.moderator", groups=["Moderators"])


def make_public_post(blog_index, author, title):
    return BlogPostFactory(parent=blog_index, authors=[author], title=title, teaser="Teaser")


def make_comment(post, when, *, parent=None, staff=False, official=False, public=True, status=None):
    return CommentFactory(
        post=post,
        parent=parent,
        user_name="Nordlicht" if staff or official else "Leserin",
        user_email="leserin@example.org",
        comment="Wann kommt die neue Wärmepumpe?",
        submit_date=when,
        is_public=public,
        is_staff_comment=staff,
        is_official_answer=official,
        moderation_status=status or ModerationStatus.APPROVED,
    )


@pytest.fixture
def comment_data(blog_index, author, t0):
    p1 = make_public_post(blog_index, author, "Wärmepumpen im Altbau")
    p2 = make_public_post(blog_index, author, "Speicher richtig planen")
    hour = timedelta(hours=1)
    c = {}
    for name, hours in (("c1", 1), ("c2", 2), ("c3", 3), ("c4", 5), ("c5", 24)):
        c[name] = make_comment(p1, t0)
        answer = make_comment(
            p1, t0 + hours * hour, parent=c[name], staff=name != "c2", official=name == "c2"
        )
        c[f"{name}_answer"] = answer
    c["c6"] = make_comment(p1, t0 + 10 * hour)
    c["c13"] = make_comment(p1, t0 + 3 * hour, parent=c["c1_answer"])
    c["c8"] = make_comment(p2, t0)
    make_comment(p2, t0 + 48 * hour, parent=c["c8"], staff=True)
    c["c9"] = make_comment(p2, t0, public=False, status=ModerationStatus.WAITING)
    c["c10"] = make_comment(p2, t0, public=False, status=ModerationStatus.SPAM)
    c["c11"] = make_comment(p1, t0 - timedelta(days=10))
    c["c12"] = make_comment(p2, t0 - timedelta(days=9))
    make_comment(p2, t0 + hour, parent=c["c12"], staff=True)
    return {"p1": p1, "p2": p2, **c}


def _staff(username, department):
    return employee_with_profile(
        username, name=username.title(), slug=username, department=department
    )


def _must_read(index, title, days_ago, departments=(), version=1):
    return InternalPostFactory(
        parent=index,
        title=title,
        teaser="Bitte lesen",
        must_read=True,
        acknowledgement_version=version,
        date=timezone.now() - timedelta(days=days_ago),
        departments=departments,
    )


@pytest.fixture
def reach_data(internal_index):
    """Departments of 6, 5 and 3 people; two must-reads this week, one old one.

    M1 (all staff): dev 3 of 6, sales 5 of 5, hr 2 of 3 confirmed.
    M2 (dev only, version 2): 4 of 6 confirmed v2; a fifth confirmed only v1.
    Expected per department: dev 7 of 12 (58 %), sales 5 of 5 (100 %);
    hr (3 people) is not shown. Whoever else is on staff without a profile
    (the editor) forms "No department" (also too small).
    """
    dev = DepartmentFactory(name="Forschung & Entwicklung", slug="entwicklung")
    sales = DepartmentFactory(name="Vertrieb & Service", slug="vertrieb")
    hr = DepartmentFactory(name="Personal & Kultur", slug="personal")
    people = {
        "dev": [_staff(f"dev{n}", dev) for n in range(6)],
        "sales": [_staff(f"sales{n}", sales) for n in range(5)],
        "hr": [_staff(f"hr{n}", hr) for n in range(3)],
    }
    m1 = _must_read(internal_index, "Reisekostenrichtlinie", days_ago=2)
    m2 = _must_read(
        internal_index, "Prüfstand-Sicherheit", days_ago=1, departments=[dev], version=2
    )
    old = _must_read(internal_index, "Alte Richtlinie", days_ago=40)

    def confirm(post, users, version=None):
        for user in users:
            Acknowledgement.objects.create(
                post=post, user=user, version=version or post.acknowledgement_version
            )

    confirm(m1, people["dev"][:3] + people["sales"] + people["hr"][:2])
    confirm(m2, people["dev"][:4])
    confirm(m2, people["dev"][4:5], version=1)
    confirm(old, people["hr"])
    return {"m1": m1, "m2": m2, "old": old, "people": people}
