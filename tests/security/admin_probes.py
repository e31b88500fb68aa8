"""Which requests the per-role crawl sends about the marker objects, found in the URL resolver.

Every named admin URL pattern is read from Django's resolver, so a view a
teammate adds is probed without editing the crawl. A route's id parameter
(``page_id``, ``image_id``, a viewset's ``pk`` with its model …) says which
marker objects it takes; ``get_probes`` fills in every object of that kind,
``listing_urls`` the parameterless listings, choosers and reports (searched
for the markers' words, exported as CSV), ``post_probes`` every form that
edits, moves, replaces, answers, switches or exports an object, and
``snapshot`` what such a POST would change.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from comments.models import CommentReport, StimmeComment
from core.models import CustomImage
from people.models import Person

from .role_markers import SEARCH_WORDS, Markers, jpeg_upload

# Parameterless admin views that show no content, or end the session.
QUIET_ADMIN = (
    "logout",
    "login",
    "password_reset",
    "failwhale",
    "test404",
    "jsi18n",
    "sprite",
    "dismissibles",
    "block_preview",
    "editing_sessions",
    "tag_autocomplete",
)
LISTING_HINTS = ("index", "list", "choose", "search", "results", "report", "find", "usage")
LISTING_HINTS += ("explore", "home", "dashboard", "personal_data", "acknowledgement", "locked")
LISTING_HINTS += ("aging", "site_history", "workflow", "outbox", "task_results")


@dataclass(frozen=True)
class Route:
    """A named URL pattern, its parameters and the model its view works on (if it says)."""

    name: str
    params: tuple[str, ...]
    model: type | None

    def has(self, *names) -> bool:
        return any(name in self.params for name in names)


def _routes(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _routes(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", None)
            params = tuple(converters) if converters else tuple(pattern.pattern.regex.groupindex)
            kwargs = getattr(pattern.callback, "view_initkwargs", {}) or {}
            yield (
                prefix + str(pattern.pattern),
                Route(namespace + pattern.name, params, kwargs.get("model")),
            )


def admin_routes() -> list[Route]:
    """Every named admin URL pattern, once per name and parameter set."""
    unique = {}
    for prefix, route in _routes():
        if prefix.startswith("admin/"):
            unique.setdefault((route.name, route.params), route)
    return list(unique.values())


# Id routes that add nothing another route does not already show (partials of
# listings, add forms under a page, scheduling): skipped to keep the crawl fast.
REDUNDANT_ROUTES = (
    "_results",
    "preview_on_add",
    "wagtailadmin_pages:add",
    "set_page_position",
    "convert_alias",
    "unschedule",
    "revisions_revert",
    "workflow_preview",
    "type_use",
    "url_generator_output",
    "create_from_uploaded",
    "delete_upload",
    "editing_sessions",
)
PAGE_PARAMS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk")


def _kind(route: Route) -> str | None:
    """Which marker objects a route's id parameter names."""
    name = route.name
    if route.has(*PAGE_PARAMS) or (
        "pk" in route.params and name.startswith(("wagtailadmin_pages:", "wagtailadmin_api:pages"))
    ):
        return "page"
    if route.has("image_id") or ("pk" in route.params and route.model is CustomImage):
        return "image"
    if "pk" in route.params and name.startswith("wagtailadmin_api:images"):
        return "image"
    if route.has("document_id", "doc_id") or (
        "pk" in route.params and name.startswith(("wagtailadmin_api:documents", "wagtaildocs"))
    ):
        return "document"
    if route.has("comment_id") or ("pk" in route.params and route.model is StimmeComment):
        return "comment"
    if "pk" in route.params and route.model is CommentReport:
        return "report"
    if "pk" in route.params and route.model is Person:
        return "person"
    return None


@dataclass
class Target:
    """One marker object: what it is, its id, and facts routes may need."""

    marker: str
    kind: str
    pk: int
    revision_id: int | None = None
    content_type: ContentType | None = None
    workflow_state_id: int | None = None
    task_id: int | None = None


def targets(markers: Markers) -> list[Target]:
    """Every marker object with the ids its admin URLs take."""
    found = []
    for marker, pk in markers.pages.items():
        page = Page.objects.get(pk=pk)
        found.append(Target(marker, "page", pk, page.latest_revision_id, page.content_type))
    for marker, pk in markers.images.items():
        found.append(Target(marker, "image", pk))
    for marker, pk in markers.documents.items():
        found.append(Target(marker, "document", pk))
    for marker, pk in markers.comments.items():
        found.append(Target(marker, "comment", pk))
    for marker, pk in markers.reports.items():
        found.append(Target(marker, "report", pk))
    for marker, pk in markers.people.items():
        person = Person.objects.get(pk=pk)
        state = person.current_workflow_state
        task_state = state.current_task_state if state else None
        found.append(
            Target(
                marker,
                "person",
                pk,
                person.latest_revision_id,
                workflow_state_id=state.pk if state else None,
                task_id=task_state.task_id if task_state else None,
            )
        )
    return found


def _kwargs(route: Route, target: Target, markers: Markers) -> dict | None:
    kwargs = {}
    for param in route.params:
        if param in (*PAGE_PARAMS, "pk", "image_id", "document_id", "doc_id", "comment_id"):
            kwargs[param] = target.pk
        elif param == "revision_id" and target.revision_id:
            kwargs[param] = target.revision_id
        elif param == "revision_id_a":
            kwargs[param] = "earliest"
        elif param == "revision_id_b":
            kwargs[param] = "latest"
        elif param == "destination_id":
            kwargs[param] = markers.public_parent_id
        elif param == "content_type_app_name" and target.content_type:
            kwargs[param] = target.content_type.app_label
        elif param == "content_type_model_name" and target.content_type:
            kwargs[param] = target.content_type.model
        elif param == "filter_spec":
            kwargs[param] = "max-165x165"
        elif param == "workflow_state_id" and target.workflow_state_id:
            kwargs[param] = target.workflow_state_id
        elif param == "task_id" and target.task_id:
            kwargs[param] = target.task_id
        else:
            return None
    return kwargs


def reverse_or_none(name: str, kwargs: dict | None = None) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or {})
    except NoReverseMatch:
        return None


def get_probes(routes: list[Route], objects: list[Target], markers: Markers) -> dict[str, Target]:
    """URL -> marker object, for every admin URL pattern and every object of its kind."""
    probes = {}
    for route in routes:
        kind = _kind(route)
        if kind is None or "action_name" in route.params or "task_state_id" in route.params:
            continue
        if any(redundant in route.name for redundant in REDUNDANT_ROUTES):
            continue
        for target in objects:
            if target.kind != kind:
                continue
            kwargs = _kwargs(route, target, markers)
            url = kwargs is not None and reverse_or_none(route.name, kwargs)
            if url:
                probes[url] = target
    for target in objects:
        model = {"page": "page", "image": None, "document": "document", "person": "person"}
        app = {"page": "wagtailcore", "document": "wagtaildocs", "person": "people"}
        if target.kind == "image":
            app_label, model_name = CustomImage._meta.app_label, CustomImage._meta.model_name
        elif target.kind in app:
            app_label, model_name = app[target.kind], model[target.kind]
        else:
            continue
        for action in bulk_action_registry.actions.get(app_label, {}).get(model_name, {}):
            url = reverse_or_none(
                "wagtail_bulk_action",
                {"app_label": app_label, "model_name": model_name, "action": action},
            )
            if url:
                probes[f"{url}?id={target.pk}"] = target
    return probes


def listing_urls(routes: list[Route]) -> list[str]:
    """Every parameterless admin listing, chooser and report: searched, and exported as CSV."""
    urls = []
    word = quote(SEARCH_WORDS[0])
    for route in routes:
        if route.params or any(quiet in route.name for quiet in QUIET_ADMIN):
            continue
        if not any(hint in route.name for hint in LISTING_HINTS):
            continue
        url = reverse_or_none(route.name, {})
        if not url or "^" in url:
            continue
        if "_results" in route.name:
            continue  # the full view renders the same rows
        urls.append(f"{url}?search={word}" if "api" in route.name else f"{url}?q={word}")
        if route.name.endswith(("index", "list")) or "reports:" in route.name:
            urls.append(f"{url}?export=csv")
    return urls


# --- site URLs ---------------------------------------------------------------------------------


def site_urls(markers: Markers) -> list[str]:
    """Site search, feeds, the comment API for every marker page, the marker pages themselves."""
    urls = ["/sitemap.xml", "/robots.txt", "/intern/feed/", "/comments/feed/", "/intern/menschen/"]
    urls += [f"/search/?q={quote(word)}" for word in SEARCH_WORDS]
    urls += [f"/intern/menschen/?q={quote(word)}" for word in SEARCH_WORDS]
    for pk in markers.pages.values():
        page = Page.objects.get(pk=pk).specific
        content_type = ContentType.objects.get_for_model(page.specific_class)
        natural = f"{content_type.app_label}-{content_type.model}"
        args = {"content_type": natural, "object_pk": str(pk)}
        urls += [
            reverse_or_none("stimme_comments:api_list", args),
            reverse_or_none("stimme_comments:api_count", args),
            reverse_or_none("stimme_comments:post_feed", {"page_id": pk}),
            page.url,
        ]
    for pk in markers.people.values():
        person = Person.objects.get(pk=pk)
        urls += [
            reverse_or_none("people:directory_profile", {"slug": person.slug}),
            f"/menschen/{person.slug}/",
        ]
    for pk in markers.documents.values():
        urls.append(get_document_model().objects.get(pk=pk).url)
    return [url for url in urls if url]


def image_file_urls(markers: Markers) -> dict[str, str]:
    """URL -> marker for each marker image's original file (renditions come from the crawl)."""
    urls = {}
    for marker, pk in markers.images.items():
        image = CustomImage.objects.get(pk=pk)
        urls[f"/media/{image.file.name}"] = marker
    return urls


# --- POSTs ---------------------------------------------------------------------------------------


def _tiny_upload(name: str):
    """A replacement file: a small JPEG for images, a text file for documents."""
    return jpeg_upload(name) if name.endswith(".jpg") else SimpleUploadedFile(name, b"ersetzt")


def post_probes(target: Target, markers: Markers) -> list[tuple[str, dict, str]]:
    """(url, data, what): each form that edits, moves, replaces, answers or exports ``target``."""
    root = Collection.get_first_root_node().pk
    pk = target.pk
    forms: list[tuple[str | None, dict, str]] = []
    if target.kind == "page":
        forms += [
            (
                reverse_or_none("wagtailadmin_pages:edit", {"page_id": pk}),
                {"title": "Übernommen"},
                "edit",
            ),
            (reverse_or_none("wagtailadmin_pages:delete", {"page_id": pk}), {}, "delete"),
            (reverse_or_none("wagtailadmin_pages:unpublish", {"page_id": pk}), {}, "unpublish"),
            (
                reverse_or_none(
                    "wagtailadmin_pages:move_confirm",
                    {"page_to_move_id": pk, "destination_id": markers.public_parent_id},
                ),
                {},
                "move",
            ),
            (
                reverse_or_none("wagtailadmin_pages:copy", {"page_id": pk}),
                {
                    "new_title": "Kopie",
                    "new_slug": "kopie-einer-seite",
                    "new_parent_page": markers.public_parent_id,
                    "publish_copies": "on",
                },
                "copy",
            ),
            (reverse_or_none("wagtailadmin_pages:lock", {"page_id": pk}), {}, "lock"),
            (
                reverse_or_none("wagtailadmin_pages:set_privacy", {"page_id": pk}),
                {"restriction_type": "none"},
                "privacy",
            ),
            (
                reverse_or_none("stimme_comments_admin:switch", {"page_id": pk}),
                {"mode": "open"},
                "switch",
            ),
            (reverse_or_none("internal_acknowledgements_csv", {"page_id": pk}), {}, "export"),
        ]
    elif target.kind in ("image", "document"):
        app = "wagtailimages" if target.kind == "image" else "wagtaildocs"
        key = "image_id" if target.kind == "image" else "document_id"
        upload = "ersetzt.jpg" if target.kind == "image" else "ersetzt.txt"
        forms += [
            (
                reverse_or_none(f"{app}:edit", {key: pk}),
                {"title": "Umbenannt", "collection": root, "file": _tiny_upload(upload)},
                "edit/replace/move collection",
            ),
            (reverse_or_none(f"{app}:delete", {key: pk}), {}, "delete"),
            (
                reverse_or_none(
                    f"{app}:edit_multiple", {"image_id" if target.kind == "image" else "doc_id": pk}
                ),
                {f"{target.kind}-{pk}-title": "Umbenannt", f"{target.kind}-{pk}-collection": root},
                "edit multiple",
            ),
        ]
        model = CustomImage if target.kind == "image" else get_document_model()
        bulk = reverse_or_none(
            "wagtail_bulk_action",
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "action": "add_to_collection",
            },
        )
        if bulk:
            forms.append((f"{bulk}?id={pk}", {"collection": root}, "bulk move collection"))
    elif target.kind == "comment":
        forms += [
            (
                reverse_or_none("reader_comments:edit", {"pk": pk}),
                {"comment": "Umgeschrieben"},
                "edit",
            ),
            (reverse_or_none("reader_comments:delete", {"pk": pk}), {}, "delete"),
            (
                reverse_or_none("comment_moderation:detail", {"comment_id": pk}),
                {"action": "spam"},
                "moderate",
            ),
            (
                reverse_or_none("comment_moderation:reply", {"comment_id": pk}),
                {"text": "Offizielle Antwort."},
                "reply",
            ),
            (
                reverse_or_none("comment_moderation:index"),
                {"action": "spam", "ids": [pk]},
                "bulk moderate",
            ),
            (
                reverse_or_none("stimme_comments:reply", {"comment_id": pk}),
                {"comment": "Antwort ä"},
                "site reply",
            ),
            (
                reverse_or_none("stimme_comments:edit", {"comment_id": pk}),
                {"comment": "Neu"},
                "site edit",
            ),
            (reverse_or_none("stimme_comments:official", {"comment_id": pk}), {}, "official"),
            (reverse_or_none("stimme_comments:like", {"comment_id": pk}), {}, "like"),
            (
                reverse_or_none("stimme_comments:report", {"comment_id": pk}),
                {"reason": "spam"},
                "report",
            ),
        ]
        email = markers.commenter_emails.get(target.marker)
        if email:
            forms.append(
                (reverse_or_none("stimme_comments_admin:personal_data"), {"email": email}, "export")
            )
    elif target.kind == "report":
        forms += [
            (
                reverse_or_none("comment_reports:edit", {"pk": pk}),
                {"resolved_at": "2026-01-01 10:00"},
                "edit",
            ),
            (reverse_or_none("comment_reports:delete", {"pk": pk}), {}, "delete"),
        ]
    elif target.kind == "person":
        forms += [
            (
                reverse_or_none("wagtailsnippets_people_person:edit", {"pk": pk}),
                {"name": "Umbenannt", "visibility": "public"},
                "edit",
            ),
            (reverse_or_none("wagtailsnippets_people_person:delete", {"pk": pk}), {}, "delete"),
            (
                reverse_or_none("wagtailsnippets_people_person:unpublish", {"pk": pk}),
                {},
                "unpublish",
            ),
        ]
    return [(url, data, what) for url, data, what in forms if url]


def snapshot(target: Target):
    """The stored state of a marker object that a POST getting through would change."""
    if target.kind == "page":
        return tuple(
            Page.objects.filter(pk=target.pk).values_list(
                "title", "live", "path", "locked", "latest_revision_id"
            )
        )
    model, fields = {
        "image": (CustomImage, ("title", "collection_id", "file")),
        "document": (get_document_model(), ("title", "collection_id", "file")),
        "comment": (StimmeComment, ("comment", "is_public", "is_removed", "moderation_status")),
        "report": (CommentReport, ("resolved_at",)),
        "person": (Person, ("name", "live", "latest_revision_id")),
    }[target.kind]
    extra = ()
    if target.kind == "comment":
        extra = (StimmeComment.objects.filter(parent_id=target.pk).exclude(pk=target.pk).count(),)
    return (*model.objects.filter(pk=target.pk).values_list(*fields), extra)
