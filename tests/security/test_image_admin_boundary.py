"""Wagtail's image admin doors keep the image rule: a pending profile photo stays the editors'.

Issue 17, item 10 (found by the per-role crawl): Authors may choose and add
images on the Root collection, which Wagtail extends to every child
collection, "Porträts" included. So the image chooser, its "chosen" and
"select format" steps, the bulk actions and the admin images API showed an
Author a colleague's profile photo still awaiting review, and "add to
collection" even moved it. The site's image rule (``core.image_access``)
refuses them that photo; every admin door now asks the same rule.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.models import Collection

import pytest
from PIL import Image

from core.models import CustomImage
from internal.models import InternalIndexPage, InternalPostPage
from people.models import Department, Person
from people.portraits import save_portrait

pytestmark = pytest.mark.django_db

WORD = "Strandkorbporträt"


@pytest.fixture(autouse=True)
def _media_on_disk(media_on_disk):
    """Every test here serves real files (tests/security/conftest.py)."""
    return media_on_disk


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (40, 90, 180)).save(buffer, "JPEG")
    return SimpleUploadedFile("IMG_2034.jpg", buffer.getvalue(), content_type="image/jpeg")


def pending_photo(user, name: str, slug: str, title: str) -> CustomImage:
    """A profile photo as the profile form stores it before an editor approved it."""
    person = Person.objects.create(name=name, slug=slug, job_title="Monteur", user=user)
    image = save_portrait(_jpeg(), person, "privat", user=user)
    image.title = title
    image.save()
    assert image.collection.name == "Porträts"
    assert not Person.objects.filter(photo=image).exists()
    return image


@pytest.fixture
def photo(employee) -> CustomImage:
    """Jörg's new profile photo, waiting for an editor."""
    return pending_photo(employee, "Jörg Weiß", "joerg-weiss", f"{WORD} Jörg Weiß")


@pytest.fixture
def public_image() -> CustomImage:
    image = CustomImage(title=f"{WORD} Wärmepumpe", collection=Collection.get_first_root_node())
    image.file = _jpeg()
    image._set_image_file_metadata()
    image.save()
    return image


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    """What the browser shows: the chooser answers JSON with its HTML inside."""
    if response["Content-Type"].startswith("application/json"):
        return str(response.json())
    return response.content.decode()


def image_doors(image_id: int) -> list[str]:
    """Every admin URL that names one image (GET)."""
    return [
        f"/admin/images/chooser/chosen/{image_id}/",
        f"/admin/images/chooser/{image_id}/select_format/",
        f"/admin/images/chooser/chosen-multiple/?id={image_id}",
        f"/admin/images/{image_id}/",
        f"/admin/images/{image_id}/delete/",
        f"/admin/images/usage/{image_id}/",
        f"/admin/images/{image_id}/generate_url/",
        f"/admin/images/{image_id}/preview/fill-80x80/",
        f"/admin/images/multiple/{image_id}/",
        f"/admin/bulk/core/customimage/add_tags/?id={image_id}",
        f"/admin/bulk/core/customimage/add_to_collection/?id={image_id}",
        f"/admin/bulk/core/customimage/delete/?id={image_id}",
        f"/admin/api/main/images/{image_id}/",
    ]


def listings() -> list[str]:
    """Admin URLs that list images by title."""
    return [
        f"/admin/images/chooser/?q={WORD}",
        "/admin/images/chooser/",
        f"/admin/images/chooser/results/?q={WORD}",
        f"/admin/images/?q={WORD}",
        "/admin/images/",
        f"/admin/api/main/images/?search={WORD}",
        "/admin/api/main/images/?fields=title",
    ]


def test_every_image_door_is_shut_to_an_author_for_a_pending_photo(author_user, photo):
    client = client_for(author_user)
    answers = {url: client.get(url).status_code for url in image_doors(photo.pk)}
    assert answers == dict.fromkeys(answers, 404)


def test_no_image_listing_names_a_pending_photo_to_an_author(author_user, photo, public_image):
    client = client_for(author_user)
    for url in listings():
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert "Jörg Weiß" not in text(response), url
    # The author's chooser search still works: the public image is found.
    chooser = text(client.get(f"/admin/images/chooser/?q={WORD}"))
    assert "Wärmepumpe" in chooser


def test_author_cannot_move_a_pending_photo_to_another_collection(author_user, photo):
    porträts = photo.collection_id
    elsewhere = Collection.get_first_root_node().add_child(name="Veranstaltungen")
    response = client_for(author_user).post(
        f"/admin/bulk/core/customimage/add_to_collection/?id={photo.pk}",
        {"collection": elsewhere.pk},
    )
    assert response.status_code == 404
    assert CustomImage.objects.get(pk=photo.pk).collection_id == porträts


def test_editor_still_finds_and_chooses_the_pending_photo(editor, photo):
    client = client_for(editor)
    assert "Jörg Weiß" in text(client.get(f"/admin/images/chooser/?q={WORD}"))
    assert client.get(f"/admin/images/chooser/chosen/{photo.pk}/").status_code == 200
    assert client.get(f"/admin/images/chooser/{photo.pk}/select_format/").status_code == 200
    assert client.get(f"/admin/api/main/images/{photo.pk}/").status_code == 200
    assert client.get(f"/admin/images/{photo.pk}/").status_code == 200


def test_author_still_chooses_a_public_image_and_their_own_upload(author_user, public_image):
    own = pending_photo(author_user, "Karla Möller", "karla-moeller", f"{WORD} Karla Möller")
    client = client_for(author_user)
    chooser = text(client.get(f"/admin/images/chooser/?q={WORD}"))
    assert "Wärmepumpe" in chooser and "Karla Möller" in chooser
    for image in (public_image, own):
        assert client.get(f"/admin/images/chooser/chosen/{image.pk}/").status_code == 200
        assert client.get(f"/admin/images/chooser/{image.pk}/select_format/").status_code == 200
        assert client.get(f"/admin/api/main/images/{image.pk}/").status_code == 200


def confidential_hero(site_root, employee) -> CustomImage:
    """The hero of a confidential post only the personnel department may read."""
    personnel = Department.objects.create(name="Personal", slug="personal")
    Person.objects.create(name="Jana Beispiel", slug="jana", user=employee, department=personnel)
    internal = site_root.add_child(instance=InternalIndexPage(title="Intern", slug="intern"))
    internal.save_revision().publish()
    hero = CustomImage(
        title=f"{WORD} Sozialplan Entwurf", collection=Collection.get_first_root_node()
    )
    hero.file = _jpeg()
    hero._set_image_file_metadata()
    hero.save()
    post = InternalPostPage(
        title="Sozialplan", slug="sozialplan", hero_image=hero, confidential=True
    )
    post.audience_departments = [personnel]
    internal.add_child(instance=post)
    post.save_revision().publish()
    return hero


def test_a_confidential_posts_hero_stays_out_of_an_outsiders_image_admin(
    site_root, author_user, employee, superuser
):
    hero = confidential_hero(site_root, employee)
    author = client_for(author_user)
    answers = {url: author.get(url).status_code for url in image_doors(hero.pk)}
    assert answers == dict.fromkeys(answers, 404)
    for url in listings():
        assert "Sozialplan" not in text(author.get(url)), url
    assert "Sozialplan" in text(client_for(superuser).get(f"/admin/images/?q={WORD}"))


def test_select_all_in_the_images_index_acts_only_on_visible_images(
    site_root, editor, employee, public_image
):
    """An editor outside the audience: "select all", "add tags" skips the confidential hero."""
    hero = confidential_hero(site_root, employee)
    client = client_for(editor)
    url = f"/admin/bulk/core/customimage/add_tags/?id=all&q={WORD}"
    page = text(client.get(url))
    assert "Wärmepumpe" in page and "Sozialplan" not in page
    response = client.post(url, {"tags": "Sommerfest"})
    assert response.status_code == 302
    assert list(CustomImage.objects.filter(tags__name="Sommerfest")) == [public_image]
    assert not hero.tags.exists()
