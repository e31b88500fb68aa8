"""Must-reads: "Read and understood", the editors' report with CSV, asking again."""

import csv
import io

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from internal.models import Acknowledgement
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(colleague):
    return {
        "jonas": colleague("jonas.berger", "dev", "Husum"),
        "henrik": colleague("henrik.wolff", "dev", "Kiel"),
        "lukas": colleague("lukas.petersen", "sales", "Kiel"),
        "aylin": colleague("aylin.demir", "hr", "Husum"),
    }


@pytest.fixture
def policy(make_post):
    return make_post("Neue Reisekostenrichtlinie", must_read=True)


def _confirm(client, post):
    return client.post(reverse("internal:acknowledge", args=[post.pk]))


def test_employee_sees_the_button_and_confirms(client, policy, staff):
    client.force_login(staff["jonas"])
    html = client.get(policy.url).content.decode()
    assert "Gelesen und verstanden" in html
    response = _confirm(client, policy)
    assert response.status_code == 302
    assert response["Location"] == policy.url + "#confirmation"
    assert Acknowledgement.objects.filter(post=policy, user=staff["jonas"], version=1).exists()
    html = client.get(policy.url).content.decode()
    assert "Gelesen und verstanden" not in html
    assert "Sie haben am" in html and "gelesen und verstanden haben" in html


def test_button_speaks_the_readers_language(client, policy, staff):
    client.force_login(staff["jonas"])
    assert "Gelesen und verstanden" in client.get(policy.url).content.decode()
    client.get("/language/en/")
    html = client.get(policy.url).content.decode()
    assert "Read and understood" in html
    assert "Gelesen und verstanden" not in html


def test_confirming_twice_keeps_one_confirmation(client, policy, staff):
    client.force_login(staff["jonas"])
    _confirm(client, policy)
    _confirm(client, policy)
    assert Acknowledgement.objects.filter(post=policy).count() == 1


def test_confirming_needs_a_post_request_and_a_readable_must_read(client, make_post, staff):
    ordinary = make_post("Kein Pflichtthema")
    client.force_login(staff["jonas"])
    assert client.get(reverse("internal:acknowledge", args=[ordinary.pk])).status_code == 405
    assert _confirm(client, ordinary).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_anonymous_cannot_confirm(client, policy):
    response = _confirm(client, policy)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not Acknowledgement.objects.exists()


def test_editor_report_counts_per_department_and_names(client, policy, staff, editor):
    for name in ("jonas", "lukas"):
        Acknowledgement.objects.create(post=policy, user=staff[name], version=1)
    client.force_login(editor)
    response = client.get(reverse("internal_acknowledgements", args=[policy.pk]))
    assert response.status_code == 200
    report = response.context["report"]
    counts = {count.name: (count.confirmed, count.total) for count in report.departments}
    assert counts["Forschung & Entwicklung"] == (1, 2)
    assert counts["Vertrieb & Service"] == (1, 1)
    assert counts["Personal & Kultur"] == (0, 1)
    missing = {row.name for row in report.missing}
    assert {"Henrik Wolff", "Aylin Demir"} <= missing
    assert {row.name for row in report.confirmed} == {"Jonas Berger", "Lukas Petersen"}
    html = response.content.decode()
    assert "Henrik Wolff" in html and "Aylin Demir" in html


def test_report_is_linked_from_the_page_header_in_the_admin(client, policy, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])).content.decode()
    assert reverse("internal_acknowledgements", args=[policy.pk]) in html
    index = client.get(reverse("internal_acknowledgement_index")).content.decode()
    assert "Neue Reisekostenrichtlinie" in index


def test_report_as_csv(client, policy, staff, editor):
    Acknowledgement.objects.create(post=policy, user=staff["aylin"], version=1)
    client.force_login(editor)
    response = client.get(reverse("internal_acknowledgements_csv", args=[policy.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "Name"
    by_name = {row[0]: row for row in body}
    assert by_name["Aylin Demir"][2] == "Personal & Kultur"
    assert by_name["Aylin Demir"][4] == "ja"
    assert by_name["Jonas Berger"][4] == "nein"


def test_csv_neutralises_formulas(client, policy, colleague, editor):
    colleague("formel.test")
    Person.objects.filter(slug="formel-test").update(name="=HYPERLINK(1)")
    client.force_login(editor)
    content = client.get(reverse("internal_acknowledgements_csv", args=[policy.pk])).content
    assert b"'=HYPERLINK(1)" in content


def test_employees_cannot_see_the_report(client, policy, staff):
    client.force_login(staff["jonas"])
    for name in ("internal_acknowledgements", "internal_acknowledgements_csv"):
        response = client.get(reverse(name, args=[policy.pk]))
        assert response.status_code in (302, 403)
        assert b"Aylin" not in response.content


def test_asking_again_makes_earlier_confirmations_not_count(client, policy, staff, editor):
    Acknowledgement.objects.create(post=policy, user=staff["jonas"], version=1)
    # What the editor's "ask everyone to confirm again" does on republishing.
    policy.acknowledgement_version += 1
    policy.save_revision(user=editor).publish()

    client.force_login(staff["jonas"])
    html = client.get(policy.url).content.decode()
    assert "Gelesen und verstanden" in html
    assert "Dieser Beitrag wurde aktualisiert" in html
    client.force_login(editor)
    report = client.get(reverse("internal_acknowledgements", args=[policy.pk])).context["report"]
    assert "Jonas Berger" in {row.name for row in report.missing}
    assert not report.confirmed


def test_reacknowledgement_checkbox_in_the_admin_bumps_the_version(
    client, policy, editor, internal_index
):
    """Through the real edit form: ticking the box and publishing asks everyone again."""
    # Editors' page permissions come with the section (core.roles), no grant here.
    author = Person.objects.create(name="Fatma Yılmaz", slug="fatma-yilmaz")
    Acknowledgement.objects.create(post=policy, user=editor, version=1)
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": policy.title,
            "slug": policy.slug,
            "teaser": policy.teaser,
            "date": policy.date.strftime("%Y-%m-%d %H:%M"),
            "language": "de",
            "body": streamfield([("paragraph", rich_text("<p>Neu gefasst.</p>"))]),
            "authors": inline_formset([{"person": author.pk}]),
            "attachments": inline_formset([]),
            "audience_locations": inline_formset([]),
            "must_read": "on",
            "request_reacknowledgement": "on",
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[policy.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[internal_index.pk])
    policy.refresh_from_db()
    assert policy.acknowledgement_version == 2
    assert not Acknowledgement.objects.filter(post=policy, version=2).exists()
