"""Employees edit their own profile at /intern/profil/; editors review the change."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import TaskState, WorkflowState

import pytest

from core.models import CustomImage
from people.forms import ProfileForm
from people.models import Person
from people.portraits import PORTRAIT_COLLECTION

from .conftest import png_bytes

pytestmark = pytest.mark.django_db

URL = "/intern/profil/"


@pytest.fixture
def me(team, employee) -> Person:
    """Jonas's profile, linked to the signed-in employee's account."""
    jonas = team["jonas"]
    jonas.user = employee
    jonas.save()
    return jonas


@pytest.fixture
def my_client(client, employee):
    client.force_login(employee)
    return client


def form_data(**changes) -> dict:
    data = {
        "short_bio": "Baut Wärmepumpen für Wärmenetze.",
        "bio_text": "Erster Absatz.\n\nZweiter Absatz mit <Klammern>.",
        "expertise": "Kältekreise,  Feldtests ,",
        "linkedin_url": "https://www.linkedin.com/in/jonas-demo",
        "mastodon_url": "https://norden.social/@jonas",
        "website_url": "",
        "photo_credit": "",
    }
    data.update(changes)
    return data


def upload(name="portrait.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content or png_bytes(), content_type=content_type)


def test_form_shows_my_current_profile(my_client, me):
    me.bio = "<p>Alter <b>Text</b>.</p><p>Noch einer.</p>"
    me.short_bio = "Mein kurzer Text"
    me.save()
    response = my_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mein kurzer Text" in html
    assert "Alter Text.\n\nNoch einer." in html
    assert response["Cache-Control"].count("no-store") == 1
    assert 'enctype="multipart/form-data"' in html
    for field in ("short_bio", "bio_text", "expertise", "linkedin_url", "photo", "photo_credit"):
        assert f'<label for="id_{field}"' in html


def test_change_becomes_a_revision_and_the_live_profile_stays(my_client, me, employee, team_page):
    response = my_client.post(URL, form_data())
    assert response.status_code == 302
    assert response["Location"] == URL
    live = Person.objects.get(pk=me.pk)
    assert live.short_bio == ""  # readers still see the approved profile
    assert live.has_unpublished_changes
    draft = live.get_latest_revision_as_object()
    assert draft.short_bio == "Baut Wärmepumpen für Wärmenetze."
    assert draft.bio == "<p>Erster Absatz.</p><p>Zweiter Absatz mit &lt;Klammern&gt;.</p>"
    assert draft.expertise == "Kältekreise, Feldtests"
    assert live.latest_revision.user == employee
    public = my_client.get("/menschen/jonas-berger/").content.decode()
    assert "Baut Wärmepumpen für Wärmenetze." not in public
    # The form now shows the pending change and says it waits for review.
    html = my_client.get(URL).content.decode()
    assert "Baut Wärmepumpen für Wärmenetze." in html
    assert 'class="notice"' in html


def test_change_is_submitted_to_the_editors_review(my_client, me, employee, editor, team_page):
    my_client.post(URL, form_data())
    state = WorkflowState.objects.for_instance(me).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == employee
    task = state.current_task_state.task.specific
    assert task.user_can_access_editor(me, editor)
    # The editor approves in the admin: the change goes live.
    task.on_action(state.current_task_state, editor, "approve")
    live = Person.objects.get(pk=me.pk)
    assert live.short_bio == "Baut Wärmepumpen für Wärmenetze."
    assert not live.has_unpublished_changes
    assert (
        "Baut Wärmepumpen für Wärmenetze."
        in my_client.get("/menschen/jonas-berger/").content.decode()
    )


def test_saving_again_restarts_the_review_with_the_newest_revision(my_client, me):
    my_client.post(URL, form_data(short_bio="Erste Fassung"))
    my_client.post(URL, form_data(short_bio="Zweite Fassung"))
    states = WorkflowState.objects.for_instance(me)
    assert states.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    current = states.get(status=WorkflowState.STATUS_IN_PROGRESS).current_task_state
    assert current.status == TaskState.STATUS_IN_PROGRESS
    assert current.revision.as_object().short_bio == "Zweite Fassung"


def test_the_editors_can_find_the_change_in_the_admin(my_client, me, editor, client):
    my_client.post(URL, form_data())
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Jonas Berger" in dashboard  # "Awaiting your review"
    edit = client.get(f"/admin/snippets/people/person/edit/{me.pk}/")
    assert edit.status_code == 200
    assert "Baut Wärmepumpen für Wärmenetze." in edit.content.decode()
    history = client.get(f"/admin/snippets/people/person/history/{me.pk}/")
    assert history.status_code == 200


def test_editors_preview_and_compare_the_change_before_approving(
    my_client, me, editor, client, team_page
):
    my_client.post(URL, form_data())
    revision = Person.objects.get(pk=me.pk).latest_revision
    client.force_login(editor)
    base = f"/admin/snippets/people/person/history/{me.pk}/revisions"
    preview = client.get(f"{base}/{revision.pk}/view/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert '<h1 id="person-name">Jonas Berger</h1>' in html  # the public profile layout
    assert "Baut Wärmepumpen für Wärmenetze." in html
    compare = client.get(f"{base}/compare/live...latest/")
    assert compare.status_code == 200
    assert "Baut Wärmepumpen für Wärmenetze." in compare.content.decode()


def test_an_employee_can_only_ever_edit_their_own_profile(my_client, me, team):
    ceo = team["ceo"]
    before = ceo.latest_revision_id
    # Trying to smuggle another person's identity into the form changes nothing for them.
    my_client.post(URL, {**form_data(short_bio="Gekapert"), "slug": ceo.slug, "pk": ceo.pk})
    ceo.refresh_from_db()
    assert ceo.latest_revision_id == before
    assert ceo.short_bio == "Leitet Nordlicht."
    assert Person.objects.get(pk=me.pk).get_latest_revision_as_object().short_bio == "Gekapert"
    # There is no URL with an id to try.
    assert my_client.get(f"/intern/profil/{ceo.pk}/").status_code == 404


def test_employee_without_profile_gets_not_found(client, other_employee, team):
    client.force_login(other_employee)
    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data()).status_code == 404


def test_errors_are_shown_and_nothing_typed_is_lost(my_client, me):
    response = my_client.post(
        URL,
        form_data(
            short_bio="Mein neuer Text, der bleiben soll",
            linkedin_url="https://example.com/jonas",
            website_url="javascript:alert(1)",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "Mein neuer Text, der bleiben soll" in html
    assert "linkedin.com" in html
    assert 'aria-invalid="true"' in html
    assert not Person.objects.get(pk=me.pk).has_unpublished_changes


def test_photo_upload_creates_an_image_in_the_portrait_collection(my_client, me, employee):
    response = my_client.post(
        URL, {**form_data(photo_credit="Anna Weber"), "photo": upload()}, format="multipart"
    )
    assert response.status_code == 302
    draft = Person.objects.get(pk=me.pk).get_latest_revision_as_object()
    image = CustomImage.objects.get(pk=draft.photo_id)
    assert image.collection.name == PORTRAIT_COLLECTION
    assert image.credit == "Anna Weber"
    assert image.uploaded_by_user == employee
    assert (image.width, image.height) == (320, 320)
    assert Person.objects.get(pk=me.pk).photo_id == me.photo_id  # live photo unchanged


def test_photo_needs_a_credit(my_client, me):
    response = my_client.post(URL, {**form_data(), "photo": upload()})
    assert response.status_code == 200
    assert "nach deutschem Recht ist ein Bildnachweis erforderlich" in response.content.decode()
    assert "Foto erneut" in response.content.decode()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: upload("evil.png", b"<svg onload=alert(1)>"), "Upload a valid image"),
        (lambda: upload("bild.gif", png_bytes(fmt="GIF"), "image/gif"), "JPEG, PNG or WebP"),
        (lambda: upload("tarnung.jpg", png_bytes()), "does not match"),
        (lambda: upload("winzig.png", png_bytes((60, 60))), "too small"),
    ],
)
def test_invalid_photos_are_rejected(my_client, me, file, message):
    my_client.cookies["django_language"] = "en"
    count = CustomImage.objects.count()
    response = my_client.post(URL, {**form_data(photo_credit="privat"), "photo": file()})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CustomImage.objects.count() == count


def test_too_large_photo_is_rejected(my_client, me, monkeypatch):
    big = png_bytes((1200, 1200))
    monkeypatch.setattr(ProfileForm.base_fields["photo"], "max_upload_size", len(big) - 1)
    my_client.cookies["django_language"] = "en"
    response = my_client.post(
        URL, {**form_data(photo_credit="privat"), "photo": upload(content=big)}
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()


def test_removing_the_photo_falls_back_to_initials(my_client, me, team_page):
    assert me.photo_id
    my_client.post(URL, {**form_data(), "remove_photo": "on"})
    draft = Person.objects.get(pk=me.pk).get_latest_revision_as_object()
    assert draft.photo_id is None


@pytest.mark.parametrize(
    "address",
    [
        # Browsers read "\" as "/": this opens evil.example, urlsplit says linkedin.com.
        "https://evil.example\\@www.linkedin.com/in/jonas-demo",
        "https://evil.example%5C@www.linkedin.com/in/jonas-demo",
        "https://jonas@www.linkedin.com/in/jonas-demo",
        "https://www.linkedin.com:8443/in/jonas-demo",
        "http://www.linkedin.com/in/jonas-demo",
        "https://www.linkedin.com.evil.example/in/jonas-demo",
        "https://evil.example/www.linkedin.com/in/jonas-demo",
        "https://www.linkedin.com\\evil.example/in/jonas-demo",
    ],
)
def test_linkedin_field_takes_nothing_a_browser_would_open_elsewhere(my_client, me, address):
    response = my_client.post(URL, form_data(linkedin_url=address))
    assert response.status_code == 200
    assert 'id="id_linkedin_url"' in response.content.decode()
    assert response.context["form"].errors.get("linkedin_url")
    assert not Person.objects.get(pk=me.pk).has_unpublished_changes


@pytest.mark.parametrize(
    "address",
    ["https://www.linkedin.com/in/jonas-müller-42", "linkedin.com/in/jonas-demo"],
)
def test_linkedin_field_keeps_real_profile_addresses(my_client, me, address):
    assert my_client.post(URL, form_data(linkedin_url=address)).status_code == 302
    draft = Person.objects.get(pk=me.pk).get_latest_revision_as_object()
    assert draft.linkedin_url.startswith(("https://www.linkedin.com/", "https://linkedin.com/"))
