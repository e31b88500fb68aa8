"""Back up and restore the site: the database and the uploaded originals.

A backup is one folder (``manage.py backup_site``; ``make backup``)::

    backup.json        what, when, from which database engine and code
    database.dump      PostgreSQL: pg_dump's custom format (pg_restore reads it)
    database.sqlite3   SQLite: a consistent copy made with SQLite's backup API
    media/             every upload under MEDIA_ROOT (original_images/, documents/, …)

Wagtail's renditions (``MEDIA_ROOT/images/``) are left out: they are resized
copies that Wagtail makes again from the originals the next time a page asks
for them. Restoring drops the rendition rows whose files are missing, so
those are regenerated instead of served as broken images.

The database is always the one Django is connected to (``connection.settings_dict``),
so tests back up and restore their own test database, never a developer's.
"""

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from wagtail.images import get_image_model

MANIFEST = "backup.json"
FORMAT = 1
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
MEDIA_DIR = "media"
RENDITIONS_DIR = "images"
# pg_restore waits this long for a lock (a running site or worker holds some),
# then gives up and rolls back instead of hanging.
LOCK_TIMEOUT = "30s"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def engine(using: str = "default") -> str:
    """``postgresql`` or ``sqlite``; anything else is not supported."""
    vendor = connections[using].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def database_label(using: str = "default") -> str:
    """Which database a person is about to overwrite, in words."""
    config = connections[using].settings_dict
    if engine(using) == "sqlite":
        return f"SQLite file {config['NAME']}"
    host = config.get("HOST") or "local socket"
    return f"PostgreSQL database {config['NAME']} on {host}"


def media_root() -> Path | None:
    """The folder uploads are stored in, or None when they live elsewhere (object storage)."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def timestamped_folder(parent: Path) -> Path:
    """``parent/2026-11-23T140512``: sortable, one per second."""
    return Path(parent) / timezone.localtime().strftime("%Y-%m-%dT%H%M%S")


# --- PostgreSQL -------------------------------------------------------------------


def _pg_command(program: str, config: dict) -> tuple[list[str], dict]:
    """The client program with connection options; the password goes in the environment."""
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            f"{program} not found: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client), the same major version as the server."
        )
    args = [path]
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    sslmode = (config.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(args: list[str], env: dict) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed client programs, arguments from settings  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed:\n{result.stderr.strip()}")


def _dump_postgresql(using: str, target: Path) -> None:
    config = connections[using].settings_dict
    args, env = _pg_command("pg_dump", config)
    _run([*args, "--format=custom", "--file", str(target), "--dbname", config["NAME"]], env)


def _restore_postgresql(using: str, source: Path) -> None:
    config = connections[using].settings_dict
    # Our own connection must not hold anything pg_restore needs to drop.
    connections[using].close()
    args, env = _pg_command("pg_restore", config)
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT}".strip()
    _run(
        [
            *args,
            # Drop what the dump recreates, all in one transaction: a failure
            # (a lock held by a running site, a full disk) leaves the database
            # exactly as it was.
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            # Objects belong to whoever restores, so a backup moves between
            # accounts and servers.
            "--no-owner",
            "--no-privileges",
            "--dbname",
            config["NAME"],
            str(source),
        ],
        env,
    )


# --- SQLite -----------------------------------------------------------------------


def _sqlite_connection(using: str) -> sqlite3.Connection:
    connection = connections[using]
    if connection.settings_dict["NAME"] in {":memory:", ""} or connection.is_in_memory_db():
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    connection.ensure_connection()
    return connection.connection


def _dump_sqlite(using: str, target: Path) -> None:
    # The backup API copies a consistent snapshot even while others write
    # (WAL included); copying the file could catch it half-written.
    destination = sqlite3.connect(target)
    try:
        _sqlite_connection(using).backup(destination)
    finally:
        destination.close()


def _restore_sqlite(using: str, source: Path) -> None:
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # Replaces every page of the live database in one step.
        backup.backup(_sqlite_connection(using))
    finally:
        backup.close()
    connections[using].close()


# --- Media ------------------------------------------------------------------------


def _copy_media(source: Path, target: Path, skip: tuple[str, ...] = ()) -> dict:
    """Copy every file below ``source`` into ``target`` (top-level ``skip`` folders left out)."""
    files = size = 0
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        relative = path.relative_to(source)
        if relative.parts[0] in skip or not path.is_file():
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        files += 1
        size += path.stat().st_size
    return {"files": files, "bytes": size}


def _missing_renditions_dropped() -> int:
    """Forget renditions whose file did not come back; Wagtail makes them again on demand."""
    rendition_model = get_image_model().get_rendition_model()
    missing = [
        rendition.pk
        for rendition in rendition_model.objects.only("pk", "file").iterator()
        if not rendition.file.storage.exists(rendition.file.name)
    ]
    rendition_model.objects.filter(pk__in=missing).delete()
    return len(missing)


def _applied_migrations(using: str) -> list[str]:
    executor = MigrationExecutor(connections[using])
    return sorted(f"{app}.{name}" for app, name in executor.recorder.applied_migrations())


def unapplied_migrations(using: str = "default") -> list[str]:
    """Migrations of this code the restored database lacks (an older backup): run migrate."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


# --- The two operations -------------------------------------------------------------


def create_backup(target: Path, using: str = "default") -> dict:
    """Write a backup folder at ``target`` (must not exist); returns its manifest.

    Everything goes into ``target.partial`` first and is renamed at the end,
    so a folder without that suffix is always a complete backup.
    """
    kind = engine(using)
    if connections[using].in_atomic_block:
        # pg_dump runs in its own session and would miss uncommitted rows.
        raise BackupError("Run the backup outside a transaction.")
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose another folder.")
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    if kind == "postgresql":
        _dump_postgresql(using, partial / PG_DUMP_FILE)
        database_file = PG_DUMP_FILE
    else:
        _dump_sqlite(using, partial / SQLITE_FILE)
        database_file = SQLITE_FILE
    root = media_root()
    media = _copy_media(root, partial / MEDIA_DIR, skip=(RENDITIONS_DIR,)) if root else None
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": kind,
        "database": str(connections[using].settings_dict["NAME"]),
        "database_file": database_file,
        "media": media,
        "media_left_out": [f"{RENDITIONS_DIR}/ (renditions, regenerated on demand)"],
        "migrations": _applied_migrations(using),
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    partial.rename(target)
    return manifest


def read_manifest(source: Path) -> dict:
    """The manifest of the backup folder ``source``; a clear error if it is not one."""
    source = Path(source)
    if not source.is_dir():
        raise BackupError(f"No backup folder at {source}.")
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{source} is not a backup: {MANIFEST} is missing.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} has backup format {manifest.get('format')}, not {FORMAT}.")
    database_file = source / manifest["database_file"]
    if not database_file.is_file():
        raise BackupError(f"{source} is incomplete: {manifest['database_file']} is missing.")
    return manifest


def restore_backup(source: Path, using: str = "default") -> dict:
    """Bring the database and the uploads back from ``source``; returns what was done.

    The database is replaced as a whole. Uploads are copied over MEDIA_ROOT
    (files uploaded after the backup stay, unreferenced). Every cache is
    cleared, because it describes the database as it was before.
    """
    source = Path(source)
    manifest = read_manifest(source)
    kind = engine(using)
    if manifest["engine"] != kind:
        raise BackupError(
            f"This backup holds a {manifest['engine']} database; "
            f"this site uses {kind}. Restore it into a {manifest['engine']} database."
        )
    if connections[using].in_atomic_block:
        raise BackupError("Run the restore outside a transaction.")
    database_file = source / manifest["database_file"]
    if kind == "postgresql":
        _restore_postgresql(using, database_file)
    else:
        _restore_sqlite(using, database_file)
    ContentType.objects.clear_cache()
    media = None
    root = media_root()
    if root and (source / MEDIA_DIR).is_dir():
        root.mkdir(parents=True, exist_ok=True)
        media = _copy_media(source / MEDIA_DIR, root)
    dropped = _missing_renditions_dropped()
    for alias in settings.CACHES:
        caches[alias].clear()
    return {
        "media": media,
        "media_skipped": root is None,
        "renditions_dropped": dropped,
        "unapplied_migrations": unapplied_migrations(using),
    }
