"""Backup and restore: after a wipe, every post, person, comment and upload comes back.

Runs against the test database pytest-django created (PostgreSQL when
DATABASE_URL says so, as in CI; SQLite otherwise) and a temporary
MEDIA_ROOT, so it never touches a developer's data. Transactional, because
pg_dump and pg_restore are sessions of their own and see only committed rows.
"""

import hashlib
import io
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from blog.models import BlogPostPage
from comments.models import PendingComment, StimmeComment
from internal.models import InternalPostPage
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENT_BYTES = b"%PDF-1.4\n% Wartungsplan Husum 2027\n"


@pytest.fixture
def test_database_only():
    """Refuse to run against anything but the database pytest-django created.

    Should a test stop between wipe and restore, the schema is rebuilt
    afterwards, so the tests after it still find their tables.
    """
    name = str(connection.settings_dict["NAME"])
    assert name == connection.settings_dict["TEST"].get("NAME") or name.startswith("test_")
    yield
    if "django_content_type" not in connection.introspection.table_names():
        call_command("migrate", verbosity=0)


@pytest.fixture
def media_root(tmp_path, settings):
    """Uploads on a real disk (the test settings keep them in memory), in a temporary folder."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture
def company(test_database_only, media_root):
    """The demo company, plus a document, a rendition and a comment awaiting confirmation."""
    call_command("seed_demo", stdout=io.StringIO())
    document = get_document_model().objects.create(title="Wartungsplan")
    document.file.save("wartungsplan.pdf", ContentFile(DOCUMENT_BYTES))
    image = get_image_model().objects.order_by("pk").first()
    image.get_rendition("width-120")
    post = BlogPostPage.objects.live().order_by("pk").first()
    PendingComment.objects.create(
        content_type=ContentType.objects.get_for_model(post),
        object_pk=str(post.pk),
        user_name="Petra Leserin",
        user_email="petra@example.org",
        comment="Gilt das auch für Häuser von 1930?",
        consent_at=timezone.now(),
    )
    return {"document": document, "image": image}


def _uploads(root: Path) -> dict[str, str]:
    """Every uploaded original under MEDIA_ROOT with a hash of its bytes (renditions left out)."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] != "images"
    }


def _content() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "live")),
        "public posts": sorted(BlogPostPage.objects.values_list("slug", flat=True)),
        "internal posts": sorted(InternalPostPage.objects.values_list("slug", flat=True)),
        "people": sorted(Person.objects.values_list("slug", "name", "visibility")),
        "comments": sorted(
            StimmeComment.objects.values_list("pk", "object_pk", "comment", "is_public")
        ),
        "pending comments": sorted(PendingComment.objects.values_list("pk", "comment")),
        "images": sorted(get_image_model().objects.values_list("title", "file")),
        "documents": sorted(get_document_model().objects.values_list("title", "file")),
    }


def _drop_every_table() -> None:
    """The worst case short of losing the server: no table left at all."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        quoted = [connection.ops.quote_name(table) for table in tables]
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TABLE {', '.join(quoted)} CASCADE")  # noqa: S608 - names from introspection, quoted
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in quoted:
                # Dropping a full-text table drops its shadow tables with it.
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
    assert connection.introspection.table_names() == []


def _rmtree(root: Path) -> None:
    for path in sorted(root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    root.rmdir()


def test_backup_survives_losing_every_table_and_every_upload(company, media_root, tmp_path, client):
    before = _content()
    uploads = _uploads(media_root)
    assert len(before["public posts"]) >= 5 and len(before["internal posts"]) >= 2
    assert len(before["people"]) >= 5 and len(before["comments"]) >= 5
    assert before["pending comments"] and before["images"] and before["documents"]
    assert any(name.startswith("documents/") for name in uploads)
    assert any(name.startswith("original_images/") for name in uploads)

    out = io.StringIO()
    call_command("backup_site", into=str(tmp_path / "backups"), stdout=out)
    (folder,) = (tmp_path / "backups").iterdir()
    assert "renditions left out" in out.getvalue()
    assert not (folder / "media" / "images").exists()

    _drop_every_table()
    _rmtree(media_root)

    out = io.StringIO()
    call_command("restore_site", str(folder), interactive=False, stdout=out)

    assert _content() == before
    assert _uploads(media_root) == uploads
    assert "renditions will be regenerated" in out.getvalue()

    # What a reader notices: the post with its comments, the document, the picture.
    commented = StimmeComment.objects.filter(is_public=True, is_removed=False).first()
    post = Page.objects.get(pk=commented.object_pk).specific
    if isinstance(post, BlogPostPage):
        page = client.get(post.url)
        assert page.status_code == 200
        assert commented.comment[:40] in page.content.decode()
    document = get_document_model().objects.get(title="Wartungsplan")
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == DOCUMENT_BYTES
    rendition = get_image_model().objects.get(pk=company["image"].pk).get_rendition("width-120")
    assert rendition.file.storage.exists(rendition.file.name)


def test_restore_refuses_a_folder_that_is_not_a_backup(test_database_only, tmp_path):
    (tmp_path / "half").mkdir()
    with pytest.raises(CommandError, match="No backup folder"):
        call_command("restore_site", str(tmp_path / "missing"), interactive=False)
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore_site", str(tmp_path / "half"), interactive=False)


def test_restore_asks_before_replacing_the_database(
    test_database_only, media_root, tmp_path, monkeypatch
):
    call_command("backup_site", output=str(tmp_path / "backup"), stdout=io.StringIO())
    Person.objects.create(name="Nach dem Backup", slug="nach-dem-backup")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore_site", str(tmp_path / "backup"), stdout=io.StringIO())
    assert Person.objects.filter(slug="nach-dem-backup").exists()
