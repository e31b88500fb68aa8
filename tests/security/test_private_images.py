"""Image files of non-public content never reach strangers; portraits carry no metadata.

Issue 17, item 10: hero images of internal posts, images only a draft uses,
portraits of internal-only people and profile photos awaiting review were
public at guessable ``/media/`` URLs, the photos with their camera's EXIF
(GPS included). Every file here is requested the way a browser would, over
HTTP, original and every rendition, as each kind of reader. Files live on
disk as in development (``FileSystemStorage`` in a temporary folder).
"""

import io
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.test import Client
from django.utils.text import slugify

from wagtail.models import Collection

import pytest
from PIL import ExifTags, Image

from blog.models import BlogPostPage
from comments.models import StimmeComment
from core.models import CustomImage
from core.visibility import AUTHORS_GROUP
from internal.documents import private_collection
from internal.models import InternalPostPage
from people.builders import build_profile
from people.models import Person
from tests.factories.internal import InternalPostFactory
from tests.factories.people import DepartmentFactory, PersonFactory
from tests.helpers.posts import make_blog_post

pytestmark = pytest.mark.django_db


User = get_user_model()
PROFILE_URL = "/intern/profil/"
MEDIA_URL = re.compile(r"/media/(?:original_)?images/[^\"'\s,]+")
GPS_LATITUDE = (54.0, 28.0, 30.5)


@pytest.fixture(autouse=True)
def _media_on_disk(media_on_disk):
    """Every test here serves real files (tests/security/conftest.py)."""
    return media_on_disk


def jpeg_with_gps(size=(400, 300)) -> bytes:
    """A phone photo: GPS position, camera make, a comment, and "rotate 90°" in EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Kamera Nord"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (9.0, 3.0, 1.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(
        buffer, "JPEG", exif=exif, comment=b"Wohnzimmer in Husum"
    )
    return buffer.getvalue()


def stored_image(title: str, *, collection=None) -> CustomImage:
    """An image as an editor's upload stores it (EXIF and all)."""
    image = CustomImage(title=title, credit="Foto: Jörg Weiß")
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(io.BytesIO(jpeg_with_gps()), name="strandkorb.jpg")
    image._set_image_file_metadata()
    image.save()
    return image


def files_of(image) -> list[str]:
    """The URLs of the original and of every rendition made so far (a few made here)."""
    image.get_renditions("fill-80x80|format-webp", "width-400|format-jpeg", "max-165x165")
    return [image.file.url, *(rendition.url for rendition in image.renditions.all())]


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def statuses(client, urls) -> dict[str, int]:
    return {url: client.get(url).status_code for url in urls}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def metadata_left(content: bytes) -> list[str]:
    """What a served image file still tells about where and how it was taken."""
    found = []
    image = Image.open(io.BytesIO(content))
    if image.getexif():
        found.append(f"EXIF {dict(image.getexif())}")
    found += [key for key in ("exif", "xmp", "comment", "XML:com.adobe.xmp") if key in image.info]
    if b"Exif\x00\x00" in content or b"Kamera Nord" in content or b"Husum" in content:
        found.append("EXIF bytes")
    return found


def publish_internal_post(parent, title: str, slug: str, **fields) -> InternalPostPage:
    return InternalPostFactory(parent=parent, title=title, slug=slug, **fields)


def confidential_for_personnel(internal_index, employee, title: str, hero) -> InternalPostPage:
    """A confidential post for the personnel department, to which ``employee`` belongs."""
    personnel = DepartmentFactory(name="Personal", slug="personal")
    build_profile(employee, name="Jana Beispiel", slug="jana", department=personnel)
    return publish_internal_post(
        internal_index,
        title,
        slugify(title),
        hero_image=hero,
        confidential=True,
        departments=[personnel],
    )


# --- Internal posts, drafts, confidential posts ---------------------------------------


def test_internal_posts_hero_is_not_served_to_strangers(internal_index, employee):
    hero = stored_image("Betriebsfest Halle 3")
    post = publish_internal_post(internal_index, "Betriebsfest", "betriebsfest", hero_image=hero)
    page = client_for(employee).get(post.url)
    assert page.status_code == 200
    on_page = MEDIA_URL.findall(page.content.decode())
    assert on_page, "the internal post shows its hero"
    urls = files_of(hero)
    assert set(on_page) <= set(urls)

    assert statuses(client_for(), urls) == dict.fromkeys(urls, 404)
    # Employees still see the pictures of the internal post they read.
    for url in on_page:
        response = client_for(employee).get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"]


def test_images_only_a_draft_uses_are_not_served_to_strangers(blog_index, author_person):
    unpublished_hero = stored_image("Neue Halle, noch geheim")
    draft = blog_index.add_child(
        instance=BlogPostPage(
            title="Neue Halle", slug="neue-halle", live=False, hero_image=unpublished_hero
        )
    )
    draft.save_revision()

    first_hero = stored_image("Altbau vorher")
    post = make_blog_post(blog_index, author_person, slug="altbau", hero_image=first_hero)
    next_hero = stored_image("Altbau nachher, noch nicht freigegeben")
    post.hero_image = next_hero
    post.save_revision()  # a draft change: readers still see the first hero

    anonymous = client_for()
    for image in (unpublished_hero, next_hero):
        urls = files_of(image)
        assert statuses(anonymous, urls) == dict.fromkeys(urls, 404), image.title
    page = anonymous.get(post.url).content.decode()
    shown = MEDIA_URL.findall(page)
    assert shown and all(anonymous.get(url).status_code == 200 for url in shown)


def test_confidential_posts_hero_is_not_served_to_employees_outside_its_audience(
    internal_index, employee, other_employee
):
    hero = stored_image("Umstrukturierung Vertrieb")
    confidential_for_personnel(internal_index, employee, "Umstrukturierung", hero)

    urls = files_of(hero)
    assert statuses(client_for(other_employee), urls) == dict.fromkeys(urls, 404)
    renditions = [url for url in urls if "/original_images/" not in url]
    assert statuses(client_for(employee), renditions) == dict.fromkeys(renditions, 200)


def test_unpublishing_a_post_stops_serving_its_images(blog_index, author_person):
    hero = stored_image("Messestand")
    post = make_blog_post(blog_index, author_person, slug="messe", hero_image=hero)
    anonymous = client_for()
    shown = MEDIA_URL.findall(anonymous.get(post.url).content.decode())
    assert shown and all(anonymous.get(url).status_code == 200 for url in shown)

    post.unpublish()
    assert statuses(anonymous, shown) == dict.fromkeys(shown, 404)


def test_image_moved_into_a_private_collection_stops_being_served(blog_index, author_person):
    hero = stored_image("Lageplan")
    post = make_blog_post(blog_index, author_person, slug="lageplan", hero_image=hero)
    anonymous = client_for()
    shown = MEDIA_URL.findall(anonymous.get(post.url).content.decode())
    assert shown and anonymous.get(shown[0]).status_code == 200

    hero.collection = private_collection()
    hero.save()
    assert anonymous.get(shown[0]).status_code == 404


# --- Public images --------------------------------------------------------------------


def test_public_posts_images_are_served_cacheable_and_without_metadata(blog_index, author_person):
    hero = stored_image("Wärmepumpe im Altbau")
    inline = stored_image("Schnitt durch den Speicher")
    post = make_blog_post(
        blog_index,
        author_person,
        slug="speicher",
        hero_image=hero,
        body=[("image", {"image": inline, "caption": "Der Schnitt"})],
    )
    anonymous = client_for()
    shown = MEDIA_URL.findall(anonymous.get(post.url).content.decode())
    assert len({url for url in shown if ".webp" in url}) >= 2, "hero and body image"
    for url in shown:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/")
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        assert not metadata_left(body(response)), url
    # Originals keep whatever the camera wrote; the site never links them.
    assert anonymous.get(hero.file.url).status_code == 404


def test_serving_a_public_rendition_costs_no_query_once_known(
    blog_index, author_person, django_assert_num_queries
):
    hero = stored_image("Nordseedeich")
    post = make_blog_post(blog_index, author_person, slug="deich", hero_image=hero)
    anonymous = client_for()
    url = MEDIA_URL.findall(anonymous.get(post.url).content.decode())[0]
    assert anonymous.get(url).status_code == 200  # the first reader asks the database
    with django_assert_num_queries(0):
        response = anonymous.get(url)
        assert response.status_code == 200
        assert body(response)


def test_a_front_server_can_send_the_bytes_after_the_check(
    settings, blog_index, author_person, internal_index
):
    settings.MEDIA_ACCEL_REDIRECT = "/_bilder_geprueft/"
    hero = stored_image("Werkstor")
    post = make_blog_post(blog_index, author_person, slug="werkstor", hero_image=hero)
    anonymous = client_for()
    url = MEDIA_URL.findall(anonymous.get(post.url).content.decode())[0]
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_bilder_geprueft/" + url.removeprefix("/media/")
    assert body(response) == b""

    secret = stored_image("Werkstor innen")
    publish_internal_post(internal_index, "Werkstor innen", "werkstor-innen", hero_image=secret)
    response = anonymous.get(files_of(secret)[-1])
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/gibt-es-nicht.fill-80x80.webp",
        "/media/original_images/" + "ä" * 300 + ".jpg",
        "/media/images/../../settings/base.py",
        "/media/images/%2e%2e/%2e%2e/manage.py",
    ],
)
def test_unknown_or_strange_image_paths_answer_not_found(path):
    response = client_for().get(path)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


# --- Portraits ------------------------------------------------------------------------


@pytest.fixture
def me(employee) -> Person:
    """Jörg's public profile, linked to the signed-in employee's account."""
    return Person.objects.create(
        name="Jörg Weiß",
        slug="joerg-weiss",
        job_title="Monteur",
        visibility=Person.Visibility.PUBLIC,
        live=True,
        user=employee,
    )


def upload_photo(client) -> CustomImage:
    """Send a phone photo through the real profile form; the pending image it made."""
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "IMG_2034.jpg"
    response = client.post(
        PROFILE_URL,
        {
            "short_bio": "Montiert Wärmepumpen an der Küste.",
            "bio_text": "",
            "expertise": "",
            "linkedin_url": "",
            "mastodon_url": "",
            "website_url": "",
            "photo_credit": "privat",
            "photo": photo,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(user__isnull=False, slug="joerg-weiss")
    return CustomImage.objects.get(pk=person.get_latest_revision_as_object().photo_id)


def test_pending_profile_photo_is_served_only_to_its_owner_and_editors(
    me, employee, other_employee, author_user, editor
):
    owner = client_for(employee)
    pending = upload_photo(owner)
    assert owner.get(PROFILE_URL).status_code == 200  # shows the owner their new photo
    urls = files_of(pending)
    assert len(urls) >= 4

    for stranger in (None, other_employee, author_user):
        client = client_for(stranger)
        assert statuses(client, urls) == dict.fromkeys(urls, 404), stranger
    for reviewer in (employee, editor):
        client = client_for(reviewer)
        assert statuses(client, urls) == dict.fromkeys(urls, 200), reviewer


def test_uploaded_profile_photo_has_no_exif_in_any_file_served(me, employee, editor):
    owner = client_for(employee)
    pending = upload_photo(owner)
    urls = files_of(pending)
    for url in urls:
        response = client_for(editor).get(url)
        assert response.status_code == 200, url
        assert not metadata_left(body(response)), url
    original = Image.open(io.BytesIO(body(owner.get(pending.file.url))))
    assert original.size == (300, 400), "the camera's rotation is applied, not dropped"


def test_approved_profile_photo_becomes_public(me, employee):
    pending = upload_photo(client_for(employee))
    Person.objects.get(pk=me.pk).get_latest_revision().publish()
    assert Person.objects.get(pk=me.pk).photo_id == pending.pk

    urls = files_of(pending)
    anonymous = client_for()
    renditions = [url for url in urls if "/original_images/" not in url]
    assert statuses(anonymous, renditions) == dict.fromkeys(renditions, 200)
    assert anonymous.get(pending.file.url).status_code == 404


def test_internal_only_persons_portrait_stays_off_public_pages(blog_index, employee):
    portrait = stored_image("Porträt Henrik Wolff")
    henrik = PersonFactory(name="Henrik Wolff", slug="henrik-wolff", photo=portrait)
    post = make_blog_post(blog_index, henrik, slug="regelung")
    # Later his profile becomes internal-only; the post he wrote stays online.
    henrik.visibility = Person.Visibility.INTERNAL
    henrik.save()

    anonymous = client_for()
    stem = portrait.file.name.rsplit("/", 1)[-1].split(".")[0]
    assert f"images/{stem}." not in anonymous.get(post.url).content.decode()
    urls = files_of(portrait)
    assert statuses(anonymous, urls) == dict.fromkeys(urls, 404)
    # Colleagues see the photo (the staff directory shows internal profiles).
    renditions = [url for url in urls if "/original_images/" not in url]
    assert statuses(client_for(employee), renditions) == dict.fromkeys(renditions, 200)


def test_internal_only_colleagues_photo_still_shows_on_internal_posts(internal_index, employee):
    """The comment thread is drawn without the request; the photo rule must know the reader."""
    portrait = stored_image("Porträt Henrik Wolff")
    henrik = PersonFactory(
        name="Henrik Wolff",
        slug="henrik-wolff",
        internal=True,
        photo=portrait,
        user=User.objects.create_user("henrik.wolff", "henrik@nordlicht.example"),
    )
    post = publish_internal_post(internal_index, "Neue Kaffeemaschine", "kaffeemaschine")
    StimmeComment.objects.create(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        site_id=1,
        user=henrik.user,
        person=henrik,
        is_staff_comment=True,
        user_name=henrik.name,
        user_email=henrik.user.email,
        comment="Sie steht in Halle 3, gleich neben der Tür.",
    )
    reader = client_for(employee)
    page = reader.get(post.url).content.decode()
    assert "gleich neben der Tür" in page
    stem = portrait.file.name.rsplit("/", 1)[-1].split(".")[0]
    shown = [url for url in MEDIA_URL.findall(page) if f"images/{stem}." in url]
    assert shown, "colleagues see Henrik's photo next to his answer"
    assert statuses(reader, shown) == dict.fromkeys(shown, 200)


def test_portrait_collection_is_not_opened_by_choose_rights(me, employee, author_user):
    """Authors may choose images for posts; that does not show them others' pending photos."""
    pending = upload_photo(client_for(employee))
    assert pending.collection.name == "Porträts"
    assert Collection.objects.filter(pk=pending.collection_id).exists()
    url = files_of(pending)[-1]
    assert client_for(author_user).get(url).status_code == 404


# --- Admin rights do not cross the boundary ----------------------------------------------


@pytest.fixture
def outside_author(db):
    """An agency author: may choose and upload images for blog posts, is no employee."""
    user = User.objects.create_user("agentur.autorin", "autorin@agentur.example")
    user.groups.add(Group.objects.get(name=AUTHORS_GROUP))
    return user


def test_choose_rights_do_not_open_internal_images(internal_index, outside_author, employee):
    in_root = stored_image("Schichtplan Halle 2")
    in_intern = stored_image("Grundriss Labor", collection=private_collection())
    for number, hero in enumerate((in_root, in_intern)):
        publish_internal_post(
            internal_index, f"Intern {number}", f"intern-{number}", hero_image=hero
        )
    unused_intern = stored_image("Noch nirgends verwendet", collection=private_collection())

    outsider = client_for(outside_author)
    for image in (in_root, in_intern, unused_intern):
        urls = files_of(image)
        assert statuses(outsider, urls) == dict.fromkeys(urls, 404), image.title
    renditions = [url for url in files_of(in_intern) if "/original_images/" not in url]
    assert statuses(client_for(employee), renditions) == dict.fromkeys(renditions, 200)


def test_choose_rights_do_not_open_a_confidential_posts_hero(internal_index, author_user, employee):
    hero = stored_image("Sozialplan Entwurf")
    confidential_for_personnel(internal_index, employee, "Sozialplan", hero)

    urls = files_of(hero)
    assert statuses(client_for(author_user), urls) == dict.fromkeys(urls, 404)
    # An image the library merely holds stays choosable for the author.
    spare = stored_image("Symbolbild Wärmepumpe")
    assert client_for(author_user).get(files_of(spare)[-1]).status_code == 200
