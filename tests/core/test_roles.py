"""The permission model is written down once (core.roles), and a fresh install matches it.

The migrations, the code that creates a section, ``seed_demo`` and the
README's table all come from ``core.roles``; these tests hold them to it.
"""

import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

import pytest
from PIL import Image

from blog.models import BlogIndexPage
from core.models import CustomImage
from core.roles import (
    GROUPS,
    INTERNAL_COLLECTION_NAME,
    MODERATORS_GROUP,
    PUBLIC_COLLECTION,
    ROLES,
    SITE_SECTION,
    roles_markdown,
)
from core.visibility import AUTHORS_GROUP, EMPLOYEES_GROUP
from internal.models import InternalIndexPage

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def _sections(home) -> dict[str, list[Page]]:
    """A blog and an internal section, created the way an editor or seed_demo creates them."""
    blog = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    internal = home.add_child(instance=InternalIndexPage(title="Intern", slug="intern"))
    return {SITE_SECTION: [Page.get_first_root_node()], "blog": [blog], "internal": [internal]}


def _granted(name: str) -> tuple[set, set, set]:
    group = Group.objects.get(name=name)
    model = {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.select_related("content_type")
    }
    collections = {
        (
            grant.collection_id,
            f"{grant.permission.content_type.app_label}.{grant.permission.codename}",
        )
        for grant in GroupCollectionPermission.objects.filter(group=group).select_related(
            "permission__content_type"
        )
    }
    pages = {
        (grant.page_id, grant.permission.codename)
        for grant in GroupPagePermission.objects.filter(group=group).select_related("permission")
    }
    return model, collections, pages


def _written_down(name: str, sections: dict[str, list[Page]]) -> tuple[set, set, set]:
    grants = GROUPS[name]
    root = Collection.get_first_root_node()
    assert {key for key, _permission in grants.collection_permissions} <= {PUBLIC_COLLECTION}
    return (
        set(grants.model_permissions),
        {(root.pk, permission) for _key, permission in grants.collection_permissions},
        {
            (page.pk, codename)
            for section, codename in grants.page_permissions
            for page in sections[section]
        },
    )


def test_a_fresh_install_has_exactly_the_groups_and_grants_written_down(site_root):
    sections = _sections(site_root)
    assert set(Group.objects.values_list("name", flat=True)) == set(GROUPS)
    for name in GROUPS:
        assert _granted(name) == _written_down(name, sections), name


def test_outside_moderators_hold_no_collection_permission(client):
    assert not GroupCollectionPermission.objects.filter(group__name=MODERATORS_GROUP).exists()
    intern = Collection.objects.get(name=INTERNAL_COLLECTION_NAME)
    document = get_document_model().objects.create(
        title="Betriebsvereinbarung Mobiles Arbeiten", collection=intern
    )
    moderator = get_user_model().objects.create_user("agentur.moderation", password="pw-1")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    client.force_login(moderator)
    # Move it into the public collection: refused, and it stays internal.
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": document.title, "collection": Collection.get_first_root_node().pk},
    )
    # Wagtail answers a missing permission with a redirect to the dashboard.
    assert response.status_code in (302, 403, 404)
    assert response.status_code != 302 or response["Location"] == "/admin/"
    document.refresh_from_db()
    assert document.collection_id == intern.pk
    assert client.post(f"/admin/documents/delete/{document.pk}/").status_code in (302, 403, 404)
    assert get_document_model().objects.filter(pk=document.pk).exists()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 45), (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_author_uploads_and_chooses_an_image_in_the_admin(author_user):
    client = Client()
    client.force_login(author_user)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Wärmepumpe im Außeneinsatz",
            "credit": "Jörg Weiß / Nordlicht",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("waermepumpe.png", _png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] != "/admin/", "permission denied"
    image = CustomImage.objects.get(title="Wärmepumpe im Außeneinsatz")
    assert image.uploaded_by_user == author_user
    chooser = client.get("/admin/images/chooser/")
    assert chooser.status_code == 200
    assert "Wärmepumpe im Außeneinsatz" in chooser.json()["html"]


def test_seed_demo_restores_the_written_down_grants_after_a_flush(site_root):
    # What ``flush`` leaves behind: no groups, so no grants.
    Group.objects.all().delete()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    sections = {
        SITE_SECTION: [Page.get_first_root_node()],
        "blog": list(Page.objects.type(BlogIndexPage)),
        "internal": list(Page.objects.type(InternalIndexPage)),
    }
    assert sections["blog"] and sections["internal"]
    for name in GROUPS:
        assert _granted(name) == _written_down(name, sections), name


def test_every_role_names_only_written_down_groups():
    assert {name for role in ROLES for name in role.groups} <= set(GROUPS)
    assert len({role.key for role in ROLES}) == len(ROLES)
    employees = [role for role in ROLES if role.employee and not role.superuser]
    assert all(EMPLOYEES_GROUP in role.groups for role in employees)
    # Wagtail extends a grant on Root to the internal collection: only staff may hold one.
    for role in ROLES:
        if any(GROUPS[name].collection_permissions for name in role.groups):
            assert role.employee, role.key
    assert AUTHORS_GROUP in {name for role in ROLES for name in role.groups}


def test_readme_shows_exactly_the_rendered_roles_table():
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- roles:start -->\n", "<!-- roles:end -->"
    assert start in text and end in text, "README lacks the roles markers"
    table = text.split(start, 1)[1].split(end, 1)[0]
    assert table == roles_markdown(), "run: manage.py roles_table --write-readme"
