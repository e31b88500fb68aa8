"""The one written-down permission model: roles, the groups they consist of, and their grants.

Everything that grants or documents a right reads this module: the data
migration a fresh install runs (``core/migrations/0006_roles_and_grants``),
``seed_demo`` after a ``flush``, the code that creates a section (blog
index, internal index), the README's roles table (``manage.py roles_table``)
and the per-role crawl test. Change a right here, and all of them follow.

Feature apps are named by app label and permission codename only (strings),
so core still imports none of them.

Vocabulary:

* a **group** is a Django group with model permissions, collection
  permissions (images and documents, per collection) and page permissions
  (per section);
* a **role** is a kind of person (anonymous reader, author …): the groups
  they belong to, whether they are a superuser, whether they sit in a
  confidential post's audience, and what they may see and do.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_save

from core.visibility import AUTHORS_GROUP, EDITORS_GROUP, EMPLOYEES_GROUP

MODERATORS_GROUP = "Moderators"
DATA_PROTECTION_GROUP = "Data protection"

# Custom rights (Meta.permissions on the models named).
READ_ALL_CONFIDENTIAL = "internal.read_all_confidential"
HANDLE_PERSONAL_DATA = "stimme_comments.handle_personal_data"
ACCESS_ADMIN = "wagtailadmin.access_admin"

# Collections, by key: the root collection (public files) and the
# employees-only "Intern" collection below it (created by internal's migration
# 0002). Wagtail applies a grant on a collection to its descendants too, so a
# grant on Root reaches "Intern": only groups whose members are all employees
# may hold one.
PUBLIC_COLLECTION = "public"
INTERNAL_COLLECTION = "internal"
INTERNAL_COLLECTION_NAME = "Intern"
COLLECTION_LABELS = {PUBLIC_COLLECTION: "Root", INTERNAL_COLLECTION: INTERNAL_COLLECTION_NAME}

# Page sections, by key: where page permissions are granted. "site" is the
# page tree's root (Wagtail's default editors' grant: edit any page, publish
# none); the others are the section index pages, found by their page type.
SITE_SECTION = "site"
BLOG_SECTION = "blog"
INTERNAL_SECTION = "internal"
SECTION_LABELS = {
    SITE_SECTION: "page tree",
    BLOG_SECTION: "blog index",
    INTERNAL_SECTION: "internal index",
}
SECTION_PAGE_TYPES = {
    BLOG_SECTION: ("blog", "blogindexpage"),
    INTERNAL_SECTION: ("internal", "internalindexpage"),
}

# Wagtail checks image rights against the stock model's permissions
# (``wagtail.images.get_permission_policy``: ``auth_model="wagtailimages.Image"``),
# also with our custom image model: the codenames are wagtailimages.add_image
# etc. The old seed looked for "add_image" under app "core", found nothing and
# skipped it silently, so authors could not upload images.
IMAGE_ACTIONS_UPLOAD = ("wagtailimages.add_image", "wagtailimages.choose_image")
IMAGE_ACTIONS_ALL = (
    *IMAGE_ACTIONS_UPLOAD,
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
)
DOCUMENT_ACTIONS_UPLOAD = ("wagtaildocs.add_document", "wagtaildocs.choose_document")
DOCUMENT_ACTIONS_ALL = (
    *DOCUMENT_ACTIONS_UPLOAD,
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
)


@dataclass(frozen=True)
class GroupGrants:
    """What one group may do.

    ``model_permissions``: ``"app_label.codename"`` strings.
    ``collection_permissions``: ``(collection key, "app_label.codename")``.
    ``page_permissions``: ``(section key, codename)``, codenames of Wagtail's
    page permissions (``add_page``, ``change_page``, ``publish_page`` …).
    ``approves``: members review pages in Wagtail's approval workflows.
    """

    name: str
    purpose: str
    model_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[tuple[str, str], ...] = ()
    page_permissions: tuple[tuple[str, str], ...] = ()
    approves: bool = False


def _comment_rights(table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(
        f"stimme_comments.{action if '_' in action else f'{action}_{model}'}"
        for model, actions in table.items()
        for action in actions
    )


MODERATOR_COMMENT_RIGHTS = _comment_rights(
    {
        "stimmecomment": ("view", "change", "moderate_comments"),
        "commentreport": ("view", "change"),
        "pendingcomment": ("view",),
        "moderationlogentry": ("view",),
        "blockedsender": ("add", "change", "delete", "view"),
    }
)
EDITOR_COMMENT_RIGHTS = (
    *MODERATOR_COMMENT_RIGHTS,
    *_comment_rights(
        {
            "commentsettings": ("change",),
            "postcommentoptions": ("add", "change", "delete", "view"),
        }
    ),
)

GROUPS: dict[str, GroupGrants] = {
    group.name: group
    for group in (
        GroupGrants(
            name=EMPLOYEES_GROUP,
            purpose="Staff: read the internal blog; no admin access.",
        ),
        GroupGrants(
            name=AUTHORS_GROUP,
            purpose="Write posts on the blog and the internal blog; an editor publishes them.",
            model_permissions=(ACCESS_ADMIN,),
            collection_permissions=(
                *((PUBLIC_COLLECTION, codename) for codename in IMAGE_ACTIONS_UPLOAD),
                *((PUBLIC_COLLECTION, codename) for codename in DOCUMENT_ACTIONS_UPLOAD),
            ),
            page_permissions=(
                (BLOG_SECTION, "add_page"),
                (BLOG_SECTION, "change_page"),
                (INTERNAL_SECTION, "add_page"),
                (INTERNAL_SECTION, "change_page"),
            ),
        ),
        GroupGrants(
            name=EDITORS_GROUP,
            purpose=(
                "Review and publish posts, moderate comments, manage categories, "
                "polls, people and files."
            ),
            model_permissions=(
                ACCESS_ADMIN,
                *EDITOR_COMMENT_RIGHTS,
                *(f"blog.{action}_blogcategory" for action in ("add", "change", "delete", "view")),
                *(f"polls.{action}_poll" for action in ("add", "change", "delete", "view")),
                *(
                    f"people.{action}_person"
                    for action in ("add", "change", "delete", "publish", "lock", "unlock")
                ),
                *(f"people.{action}_department" for action in ("add", "change", "delete")),
            ),
            collection_permissions=(
                *((PUBLIC_COLLECTION, codename) for codename in IMAGE_ACTIONS_ALL),
                *((PUBLIC_COLLECTION, codename) for codename in DOCUMENT_ACTIONS_ALL),
            ),
            page_permissions=(
                (SITE_SECTION, "add_page"),
                (SITE_SECTION, "change_page"),
                (BLOG_SECTION, "add_page"),
                (BLOG_SECTION, "change_page"),
                (BLOG_SECTION, "publish_page"),
                (INTERNAL_SECTION, "add_page"),
                (INTERNAL_SECTION, "change_page"),
                (INTERNAL_SECTION, "publish_page"),
            ),
            approves=True,
        ),
        GroupGrants(
            name=MODERATORS_GROUP,
            purpose=(
                "Moderate reader comments (an outside agency may hold this): "
                "no pages, no files, no personal-data tool."
            ),
            model_permissions=(ACCESS_ADMIN, *MODERATOR_COMMENT_RIGHTS),
        ),
        GroupGrants(
            name=DATA_PROTECTION_GROUP,
            purpose=(
                "Answer data-subject requests: export and erase every comment of an "
                "address, internal ones included; each use is logged."
            ),
            model_permissions=(ACCESS_ADMIN, HANDLE_PERSONAL_DATA),
        ),
    )
}


@dataclass(frozen=True)
class Role:
    """A kind of person, for the README table and the per-role crawl.

    ``signed_in``: has an account and is logged in. ``employee``: passes the
    internal blog's rule (Employees group or superuser).
    ``in_confidential_audience``: True/False for employees (whether the
    crawl's confidential post is addressed to them), None where it does not
    apply. ``site`` and ``admin``: what they may see and do there.
    """

    key: str
    label: str
    groups: tuple[str, ...]
    superuser: bool
    in_confidential_audience: bool | None
    site: str
    admin: str
    signed_in: bool = True

    @property
    def employee(self) -> bool:
        return self.superuser or EMPLOYEES_GROUP in self.groups

    @property
    def admin_access(self) -> bool:
        return self.superuser or any(
            ACCESS_ADMIN in GROUPS[name].model_permissions for name in self.groups
        )


_INTERNAL_READ = (
    "the internal blog (/intern/), except confidential posts whose audience "
    "they are not in and did not write"
)
ROLES: tuple[Role, ...] = (
    Role(
        key="anonymous",
        label="Anonymous reader",
        groups=(),
        superuser=False,
        in_confidential_audience=None,
        signed_in=False,
        site=(
            "Read public pages, posts, feeds and public people; comment with name and "
            "email (confirmed by mail), like (one per browser, no email), report, follow replies."
        ),
        admin="None (redirected to the login).",
    ),
    Role(
        key="signed_in",
        label="Signed-in non-employee",
        groups=(),
        superuser=False,
        in_confidential_audience=None,
        site="As an anonymous reader; nothing internal.",
        admin="None.",
    ),
    Role(
        key="employee_in_audience",
        label="Employee in a confidential post's audience",
        groups=(EMPLOYEES_GROUP,),
        superuser=False,
        in_confidential_audience=True,
        site=(
            f"Public content and {_INTERNAL_READ}: this one they read; comment, confirm must-reads."
        ),
        admin="None.",
    ),
    Role(
        key="employee",
        label="Employee outside a confidential post's audience",
        groups=(EMPLOYEES_GROUP,),
        superuser=False,
        in_confidential_audience=False,
        site=f"Public content and {_INTERNAL_READ} (404 for this one).",
        admin="None.",
    ),
    Role(
        key="author",
        label="Author (employee, outside the audience)",
        groups=(EMPLOYEES_GROUP, AUTHORS_GROUP),
        superuser=False,
        in_confidential_audience=False,
        site="As an employee.",
        admin=(
            "Draft and edit posts in the blog and the internal blog (an editor publishes); "
            "upload and choose images and documents; sees their own drafts, confidential "
            "ones included, and no confidential post of others outside their audience."
        ),
    ),
    Role(
        key="moderator",
        label="Moderator who is not an employee",
        groups=(MODERATORS_GROUP,),
        superuser=False,
        in_confidential_audience=None,
        site="As a signed-in non-employee.",
        admin=(
            "Moderate comments on public posts (queue, reports, blocklist); no internal "
            "page or comment, no pages to edit, no images or documents, no personal-data tool."
        ),
    ),
    Role(
        key="employee_moderator",
        label="Employee moderator (outside the audience)",
        groups=(EMPLOYEES_GROUP, MODERATORS_GROUP),
        superuser=False,
        in_confidential_audience=False,
        site="As an employee.",
        admin=(
            "Moderate comments on public and internal posts, except on confidential posts "
            "outside their audience; no pages, images or documents."
        ),
    ),
    Role(
        key="editor",
        label="Editor (employee, outside the audience)",
        groups=(EMPLOYEES_GROUP, EDITORS_GROUP),
        superuser=False,
        in_confidential_audience=False,
        site="As an employee (404 for confidential posts outside their audience).",
        admin=(
            "Edit any page, publish blog and internal posts, approve workflows, moderate "
            "comments, manage categories, polls, people and files; confidential posts (and "
            "their comments) only when in the audience, credited or the page's owner."
        ),
    ),
    Role(
        key="data_protection",
        label="Data protection officer (employee)",
        groups=(EMPLOYEES_GROUP, DATA_PROTECTION_GROUP),
        superuser=False,
        in_confidential_audience=False,
        site="As an employee.",
        admin=(
            "The personal-data tool only: export and erase all comments of an address, "
            "internal and confidential ones included (logged)."
        ),
    ),
    Role(
        key="superuser",
        label="Superuser (break-glass account)",
        groups=(),
        superuser=True,
        in_confidential_audience=None,
        site="Everything, confidential posts included.",
        admin="Everything, including read all confidential and personal data.",
    ),
)

ROLES_BY_KEY = {role.key: role for role in ROLES}


# --- Applying the grants ---------------------------------------------------------


def _split(permission: str) -> tuple[str, str]:
    app_label, codename = permission.split(".", 1)
    return app_label, codename


def _permission_rows(apps, permissions: Iterable[str]) -> dict[str, object]:
    """Permission objects by ``"app_label.codename"``; a missing one is an error, not a skip."""
    Permission = apps.get_model("auth", "Permission")
    wanted = {_split(permission) for permission in permissions}
    rows = {}
    for row in Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).select_related("content_type"):
        key = (row.content_type.app_label, row.codename)
        if key in wanted:
            rows[f"{key[0]}.{key[1]}"] = row
    missing = sorted(set(permissions) - set(rows))
    if missing:
        # A silent skip is how authors lost image upload (the seed looked for core.add_image).
        raise LookupError(f"Permissions named in core.roles do not exist: {', '.join(missing)}")
    return rows


def _create_permissions(apps) -> None:
    """Create model permissions now; Django normally does so only after ``migrate``."""
    app_labels = {
        _split(permission)[0]
        for group in GROUPS.values()
        for permission in (
            *group.model_permissions,
            *(permission for _key, permission in group.collection_permissions),
        )
    } | {"wagtailcore", _split(READ_ALL_CONFIDENTIAL)[0]}
    for app_label in sorted(app_labels):
        config = apps.get_app_config(app_label)
        if apps is not global_apps:
            config.models_module = True  # historical app configs have no models module
        create_permissions(config, verbosity=0, apps=apps)


def collections(apps=global_apps) -> dict[str, object]:
    """The collections the grants name, by key (those that exist)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    found = {}
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        found[PUBLIC_COLLECTION] = root
        internal = (
            Collection.objects.filter(
                depth=2, name=INTERNAL_COLLECTION_NAME, path__startswith=root.path
            )
            .order_by("path")
            .first()
        )
        if internal is not None:
            found[INTERNAL_COLLECTION] = internal
    return found


def section_pages(apps=global_apps) -> dict[str, list]:
    """The pages that receive each section's page permissions (those that exist)."""
    Page = apps.get_model("wagtailcore", "Page")
    found: dict[str, list] = {SITE_SECTION: list(Page.objects.filter(depth=1))}
    for section, (app_label, model) in SECTION_PAGE_TYPES.items():
        found[section] = list(
            Page.objects.filter(
                content_type__app_label=app_label, content_type__model=model
            ).order_by("path")
        )
    return found


def ensure_groups(apps=global_apps) -> None:
    """Make every group of ``GROUPS`` hold exactly its grants (idempotent).

    Model permissions and collection permissions are set exactly (extra ones,
    such as Wagtail's stock grants on the root collection, are removed); page
    permissions are set exactly on every existing section page and removed
    from any other page; approval tasks are reviewed by the approving groups
    only (Wagtail's stock "Moderators approval" would send internal drafts to
    outside moderators). Called by the data migration with the historical
    ``apps``, and by ``seed_demo`` (after ``flush``) with the real registry.
    """
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    found_collections = collections(apps)
    found_sections = section_pages(apps)
    all_permissions = {
        permission
        for grants in GROUPS.values()
        for permission in (
            *grants.model_permissions,
            *(permission for _key, permission in grants.collection_permissions),
        )
    }
    rows = _permission_rows(apps, all_permissions)
    page_rows = _permission_rows(
        apps,
        {
            f"wagtailcore.{codename}"
            for grants in GROUPS.values()
            for _section, codename in grants.page_permissions
        },
    )
    for grants in GROUPS.values():
        group, _created = Group.objects.get_or_create(name=grants.name)
        group.permissions.set([rows[permission] for permission in grants.model_permissions])

        wanted = {
            (found_collections[key].pk, rows[permission].pk)
            for key, permission in grants.collection_permissions
            if key in found_collections
        }
        for grant in GroupCollectionPermission.objects.filter(group=group):
            if (grant.collection_id, grant.permission_id) not in wanted:
                grant.delete()
        for collection_id, permission_id in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection_id=collection_id, permission_id=permission_id
            )

        wanted = {
            (page.pk, page_rows[f"wagtailcore.{codename}"].pk)
            for section, codename in grants.page_permissions
            for page in found_sections.get(section, ())
        }
        for grant in GroupPagePermission.objects.filter(group=group):
            if (grant.page_id, grant.permission_id) not in wanted:
                grant.delete()
        for page_id, permission_id in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission_id=permission_id
            )
    _approvers(apps)


def _approvers(apps) -> None:
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    approving = list(Group.objects.filter(name__in=[g.name for g in GROUPS.values() if g.approves]))
    not_approving = Group.objects.filter(
        name__in=[g.name for g in GROUPS.values() if not g.approves]
    )
    for task in GroupApprovalTask.objects.filter(groups__in=not_approving).distinct():
        task.groups.remove(*not_approving)
        if not task.groups.exists():
            task.groups.add(*approving)


def grant_section_permissions(section: str, page, apps=global_apps) -> None:
    """Give every group its page permissions on a new section page (idempotent).

    Called whenever a section is created: by the post_save hook the blog and
    internal apps connect (``connect_section``), and so by the admin and by
    ``seed_demo`` alike.
    """
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for grants in GROUPS.values():
        codenames = [codename for key, codename in grants.page_permissions if key == section]
        if not codenames:
            continue
        group, _created = Group.objects.get_or_create(name=grants.name)
        rows = _permission_rows(apps, [f"wagtailcore.{codename}" for codename in codenames])
        for permission in rows.values():
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=permission
            )


def grant_collection_permissions(key: str, collection, apps=global_apps) -> None:
    """Give every group its permissions on one collection (idempotent), e.g. a new "Intern"."""
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for grants in GROUPS.values():
        names = [permission for where, permission in grants.collection_permissions if where == key]
        if not names:
            continue
        group, _created = Group.objects.get_or_create(name=grants.name)
        for permission in _permission_rows(apps, names).values():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def connect_section(model, section: str) -> None:
    """Grant ``section``'s page permissions whenever a ``model`` page is created."""

    def created(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            grant_section_permissions(section, instance)

    post_save.connect(
        created, sender=model, weak=False, dispatch_uid=f"core-roles-section-{section}"
    )


# --- The README table -------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _grouped(pairs: Iterable[tuple[str, str]]) -> str:
    """``[(where, what), …]`` as "where: `a`, `b`; elsewhere: `c`" (first-seen order)."""
    by_place: dict[str, list[str]] = {}
    for place, what in pairs:
        by_place.setdefault(place, []).append(f"`{what}`")
    return "; ".join(f"{place}: {', '.join(items)}" for place, items in by_place.items()) or "—"


def roles_markdown() -> str:
    """The README's "Roles and permissions" tables, rendered from ``ROLES`` and ``GROUPS``."""
    lines = [
        "| role | groups | site | admin |",
        "| --- | --- | --- | --- |",
    ]
    for role in ROLES:
        groups = ", ".join(role.groups) or "—"
        if role.superuser:
            groups = "superuser" + (f", {groups}" if role.groups else "")
        lines.append(
            f"| {_cell(role.label)} | {_cell(groups)} | {_cell(role.site)} | {_cell(role.admin)} |"
        )
    lines += [
        "",
        "| group | purpose | model permissions | collections (images, documents; Root "
        "includes Intern) | pages (per section) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for grants in GROUPS.values():
        model = ", ".join(f"`{permission}`" for permission in grants.model_permissions) or "—"
        collection = _grouped(
            (COLLECTION_LABELS[key], permission)
            for key, permission in grants.collection_permissions
        )
        pages = _grouped(
            (SECTION_LABELS[key], codename) for key, codename in grants.page_permissions
        )
        lines.append(
            f"| {grants.name} | {_cell(grants.purpose)} | {model} | {collection} | {pages} |"
        )
    return "\n".join(lines) + "\n"
