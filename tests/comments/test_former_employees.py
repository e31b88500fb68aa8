"""A colleague who left keeps their comments, marked „ehemalige/r Mitarbeiter/in“ internally.

Nothing a leaver wrote is deleted: their name stays on their comments. On
internal posts colleagues see that the person has left (and get no link to a
directory entry that no longer lists them); the public sees the staff byline
as before, without the internal detail.
"""

import pytest

from identity.leavers import deactivate
from identity.models import CompanyAccount

from .conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment_by_leaver(client, employee, staff_person, internal_post, submit):
    client.force_login(employee)
    submit(internal_post, comment="Danke für die Übergabe, Grüße aus Husum!")
    client.logout()
    deactivate(employee, CompanyAccount.LeftBecause.PROVIDER)
    return internal_post


def _former_marks(html: str) -> int:
    return html.count('class="badge badge--former"')


def test_colleagues_see_that_the_author_has_left(
    client, other_employee, staff_person, comment_by_leaver
):
    client.force_login(other_employee)
    html = client.get(comment_by_leaver.url).content.decode()
    assert "Danke für die Übergabe" in html and staff_person.name in html
    assert _former_marks(html) == 1
    # The directory no longer lists them: no link to a page that is gone.
    assert f"/intern/menschen/{staff_person.slug}/" not in html


def test_a_current_colleague_is_not_marked(
    client, employee, other_employee, staff_person, internal_post
):
    client.force_login(employee)
    client.post("/comments/post/", form_data(internal_post, comment="Ich bin noch da."))
    client.force_login(other_employee)
    assert _former_marks(client.get(internal_post.url).content.decode()) == 0
