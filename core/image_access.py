"""Who may download which image file: the rule behind ``/media/images/`` and originals.

Wagtail checks collection privacy for documents only; image files and their
renditions are plain files at guessable URLs (the uploaded name plus the
filter spec). So every image file goes through ``core.image_views``, which
asks this module, and an image is shown to a reader only where it is used
for something that reader may see:

* **Renditions** (``images/…``, what pages show) are *public* when the image
  is used by a page anonymous readers may read (hero, body blocks, rich
  text: Wagtail's reference index, through ``core.visibility.visible_pages``)
  or by something a registered app rule grants (people: photos of public
  profiles), and its collection has no view restriction. Signed-in readers
  also get what the same rules grant *them* (employees: internal posts'
  images they may read, colleagues' photos), their own uploads, and, for
  work in the admin, images their Wagtail image rights cover (choose or
  change on its collection). Those rights stop at the boundary: not in a
  collection whose view restriction the user does not pass (as for
  documents), not for an image a page uses that the user may not see in
  the admin (``core.visibility.admin_visible``: internal pages for
  outsiders, confidential posts outside their audience), and not in
  collections an app *confines* to its own rule (people: the portraits, so
  a pending photo reaches only its owner and editors). An image nobody
  uses yet, one only a draft or an internal post uses, is public to no one.
* **Originals** (``original_images/…``) are never linked by the site and
  keep whatever the camera wrote, so only those who may change the image
  in the admin (within the same limits), its uploader and superusers get them.

The public verdict for a file is the same for every anonymous reader, so it
is kept in the shared cache until the next content change
(``core.pagecache.shared_value``): serving a public rendition then costs no
database query. Publishing, unpublishing, moving, privacy changes, profile
changes and image edits all bump that generation (see ``connect_signals``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Cast
from django.db.models.lookups import StartsWith
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import CollectionViewRestriction, Page, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import page_published

from . import pagecache
from .models import CustomImage, CustomRendition
from .visibility import admin_visible, visible_pages

ORIGINALS = "original_images/"
RENDITIONS = "images/"
# File names are at most 100 characters in the database; longer is no file of ours.
MAX_NAME_LENGTH = 255

# name -> rule(user) -> Q over CustomImage: images this user may see through that use.
_GRANTS: dict[str, Callable] = {}
# name -> confined() -> Q over CustomImage: images only the grants decide about.
_CONFINED: dict[str, Callable] = {}


def register_image_rule(name: str, grants: Callable, confined: Callable | None = None) -> None:
    """Let an app say which images a reader may see because of how the app uses them.

    ``grants(user)`` gets the reader (``AnonymousUser`` for anonymous readers)
    and returns a ``Q`` over ``CustomImage`` (or ``None``: grants nothing).
    ``confined()`` returns a ``Q`` of images that Wagtail's collection rights
    do not open: only the grants, the uploader and superusers do. Registering
    the same ``name`` again replaces the rule.
    """
    _GRANTS[name] = grants
    if confined is not None:
        _CONFINED[name] = confined
    else:
        _CONFINED.pop(name, None)


@dataclass(frozen=True)
class ImageFile:
    """A requested file that belongs to an image: whose, which kind, public or not."""

    name: str
    image_id: int
    original: bool
    public: bool


def find_image_file(name: str) -> ImageFile | None:
    """The image a media file name belongs to, with its public verdict; None if none.

    Known files are looked up once per content generation (shared cache);
    unknown names are asked each time, so a file made a moment later is found.
    """
    if len(name) > MAX_NAME_LENGTH or not name.startswith((ORIGINALS, RENDITIONS)):
        return None
    found = pagecache.shared_value("image-file", (name,), lambda: _look_up(name))
    return ImageFile(name, *found) if found else None


def _look_up(name: str) -> tuple[int, bool, bool] | None:
    if name.startswith(ORIGINALS):
        image_id = CustomImage.objects.filter(file=name).values_list("pk", flat=True).first()
        # Originals are never public: no reader needs them, the camera's data is in them.
        return None if image_id is None else (image_id, True, False)
    image_id = CustomRendition.objects.filter(file=name).values_list("image_id", flat=True).first()
    return None if image_id is None else (image_id, False, is_public_image(image_id))


def is_public_image(image_id: int) -> bool:
    """Whether an anonymous reader may see this image's renditions."""
    return _granted(AnonymousUser()).filter(pk=image_id).exists()


def may_download(user, found: ImageFile) -> bool:
    """Whether ``user`` may get this file (see the module docstring for the rule)."""
    if found.public:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    facts = _facts(user, found.image_id)
    if facts is None:
        return False
    if facts["uploaded_by_user_id"] == user.pk:
        return True
    # Collection privacy binds admin users too, as Wagtail's document view does.
    if facts["blocked"]:
        return False
    if facts["granted"] and not found.original:
        return True
    if facts["confined"] and not facts["granted"]:
        return False
    # Confidential means confidential in the admin too: no image rights open
    # an image a page uses that this user may not see there.
    if facts["hidden_use"]:
        return False
    image = CustomImage(pk=found.image_id, collection_id=facts["collection_id"])
    image.uploaded_by_user_id = facts["uploaded_by_user_id"]
    actions = ["change"] if found.original else ["change", "choose"]
    policy = policy_registry.get_by_type(CustomImage)
    return policy.user_has_any_permission_for_instance(user, actions, image)


def admin_visible_images(queryset, user):
    """Narrow an image queryset to the images ``user`` may see in the admin at all.

    The same boundary as for the files (see the module docstring): their own
    uploads; otherwise nothing in a collection whose view restriction they do
    not pass, and of the rest what the registered rules grant them, or else
    what no rule confines (pending portraits: editors' and their owners'
    only) and no page outside their admin boundary uses (a confidential
    post's hero). Wagtail's image rights then decide what they may *do*;
    every image door of the admin asks this first (``core.admin_boundary``).
    Superusers see everything.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    return queryset.exclude(pk__in=_refused_in_admin(user))


def _refused_in_admin(user) -> list[int]:
    """Ids of the images ``user`` may not see in the admin (a few short queries).

    Asked piece by piece: one condition of all of them nests too deep for
    SQLite's parser, and a plain id list keeps the queryset searchable (the
    search backends refuse ``Exists`` conditions). The list is short: the
    pending portraits, confidential posts' images, restricted collections.
    """

    def ids(condition) -> set[int]:
        return set(CustomImage.objects.filter(condition).values_list("pk", flat=True))

    confined = [rule() for rule in _CONFINED.values()]
    not_opened = ids(Exists(_page_uses(_hidden_in_admin(user))))
    if confined:
        not_opened |= ids(reduce(or_, confined))
    if not_opened:
        not_opened -= ids(_grants(user) & Q(pk__in=not_opened))
    refused = ids(_blocked_collection(user)) | not_opened
    if refused:
        refused -= ids(Q(uploaded_by_user_id=user.pk, pk__in=refused))
    return sorted(refused)


def may_see_image_in_admin(user, image_id) -> bool:
    """Whether ``user`` may see the image with this id anywhere in the admin."""
    return admin_visible_images(CustomImage.objects.filter(pk=image_id), user).exists()


def _facts(user, image_id: int) -> dict | None:
    """What the rule needs to know about one image for ``user``, in one query."""
    confined = [rule() for rule in _CONFINED.values()]
    return (
        CustomImage.objects.filter(pk=image_id)
        .annotate(
            granted=_as_flag(_grants(user)),
            blocked=_as_flag(Q(_blocked_collection(user))),
            confined=_as_flag(reduce(or_, confined)) if confined else Value(False),
            hidden_use=Exists(_page_uses(_hidden_in_admin(user))),
        )
        .values(
            "uploaded_by_user_id", "collection_id", "granted", "blocked", "confined", "hidden_use"
        )
        .first()
    )


def _as_flag(condition: Q):
    return ExpressionWrapper(condition, output_field=BooleanField())


def _grants(user) -> Q:
    """Images ``user`` may see because of where they are used, as a condition."""
    condition = Q(Exists(_page_uses(visible_pages(user))))
    for rule in _GRANTS.values():
        granted = rule(user)
        if granted is not None:
            condition |= granted
    return condition


def _granted(user):
    """Images ``user`` may see because of where they are used (one query when asked)."""
    return CustomImage.objects.filter(_grants(user)).exclude(_blocked_collection(user))


def _hidden_in_admin(user):
    """Pages, drafts included, that ``user`` may not see in the admin either."""
    return Page.objects.exclude(pk__in=admin_visible(Page.objects.all(), user).values("pk"))


def _page_uses(pages):
    """References from one of ``pages`` to the image (an ``OuterRef`` subquery).

    The reference index holds what a page's row refers to: hero, StreamField
    blocks, rich text, inline children. For a published page that is the
    live version; a draft's new images are only in its revision, so they
    stay private until it is published.
    """
    keys = pages.annotate(key=Cast("pk", CharField())).values("key")
    return ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(CustomImage),
        to_object_id=Cast(OuterRef("pk"), CharField()),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=keys,
    )


def _blocked_collection(user):
    """Images whose collection (or an ancestor) has a view restriction ``user`` does not pass.

    The same reading as Wagtail's for documents: a signed-in user passes
    "login" restrictions and those naming one of their groups; password
    restrictions are never passed here (a file request carries no password).
    """
    restrictions = CollectionViewRestriction.objects.all()
    if getattr(user, "is_authenticated", False) and user.is_active:
        restrictions = restrictions.exclude(
            restriction_type=CollectionViewRestriction.LOGIN
        ).exclude(
            restriction_type=CollectionViewRestriction.GROUPS,
            groups__in=Group.objects.filter(user=user).values("pk"),
        )
    return Exists(
        restrictions.filter(StartsWith(OuterRef("collection__path"), F("collection__path")))
    )


# --- Keeping the cached verdicts honest --------------------------------------------------


def _index_references_now(sender, instance, **kwargs):
    # Wagtail updates the reference index in a background task; until the
    # worker ran, a newly published hero would look unused (and stay a 404
    # for the cached generation). Publishing is rare: index it right away.
    ReferenceIndex.create_or_update_for_object(instance)


def _images_changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        pagecache.bump_generation()


def connect_signals() -> None:
    """Connect the receivers that keep verdicts fresh (idempotent; called by ``CoreConfig``).

    Pages, profiles, page privacy and images themselves (a move to another
    collection too) already bump the generation (``core.cache_invalidation``);
    collection privacy changes are added here.
    """
    uid = "core.image_access"
    page_published.connect(_index_references_now, dispatch_uid=f"{uid}.references")
    model = CollectionViewRestriction
    post_save.connect(_images_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.s")
    post_delete.connect(_images_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.d")
    m2m_changed.connect(
        _images_changed,
        sender=CollectionViewRestriction.groups.through,
        dispatch_uid=f"{uid}.restriction_groups",
    )
