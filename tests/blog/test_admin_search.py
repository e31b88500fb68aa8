"""Editors search the category and poll lists in the admin, German words included."""

from datetime import timedelta

from django.utils import timezone

from blog.models import BlogCategory
from polls.models import Poll


def test_editor_finds_a_category_by_a_german_word(client, editor):
    BlogCategory.objects.create(name="Wärmeversorgung", slug="waermeversorgung")
    BlogCategory.objects.create(name="Personal", slug="personal")
    client.force_login(editor)

    response = client.get("/admin/snippets/blog/blogcategory/", {"q": "Wärme"})

    assert response.status_code == 200
    assert "Wärmeversorgung" in response.text
    assert ">Personal<" not in response.text


def test_superuser_searches_polls(client, superuser):
    Poll.objects.create(
        question="Welcher Standort bekommt die nächste Wärmepumpe?",
        closes_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(superuser)

    response = client.get("/admin/snippets/polls/poll/", {"q": "Wärmepumpe"})

    assert response.status_code == 200
    assert "nächste Wärmepumpe" in response.text
