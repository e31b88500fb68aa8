"""Wagtail admin views of the comments app: personal data requests and the per-post switch.

The personal-data tool reaches every comment of an address, internal and
confidential ones included, so it belongs to holders of the data protection
right (``stimme_comments.handle_personal_data``), not to every moderator;
each export and erasure is written to the moderation log.
"""

import json

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from core.models.posts import PostPage
from core.visibility import can_view, may_see_in_admin

from .editing import comments_of, erase_for, export_for
from .forms import EraseByEmailForm
from .models import PostCommentOptions
from .policy import CommentPolicy, is_moderator
from .queue.actions import log_data_request
from .queue.views import forbidden

PERSONAL_DATA_PERMISSION = "stimme_comments.handle_personal_data"


def can_handle_personal_data(user) -> bool:
    """Holders of the data protection right (and superusers) answer access and erasure requests."""
    return bool(getattr(user, "is_active", False) and user.has_perm(PERSONAL_DATA_PERMISSION))


def may_switch(user, page) -> bool:
    """Whether ``user`` may open or close comments on the post ``page``.

    Its editors may, within their admin boundary; comment moderators may on
    posts they can read on the site (published, not restricted for them): a
    draft's title is none of their business.
    """
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, PostPage):
        return False
    if not may_see_in_admin(user, page):
        return False
    if page.permissions_for_user(user).can_edit():
        return True
    return is_moderator(user) and can_view(user, page)


@require_http_methods(["GET", "POST"])
def personal_data(request):
    """Export (JSON) or erase all comments of one email address."""
    if not can_handle_personal_data(request.user):
        return forbidden(request)
    form = EraseByEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "erase" in request.POST:
            if request.POST.get("confirm") != "yes":
                messages.error(request, _("Tick the box to confirm the erasure."))
            else:
                with transaction.atomic():
                    # Logged first: erasure empties the address these comments are found by.
                    log_data_request(comments_of(email), request.user, erased=True)
                    count = erase_for(email)
                messages.success(
                    request,
                    _("Erased %(count)d comments of %(email)s; their threads stay.")
                    % {"count": count, "email": email},
                )
                return redirect("stimme_comments_admin:personal_data")
        else:
            data = export_for(email)
            log_data_request(comments_of(email), request.user, erased=False)
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            stamp = timezone.now().strftime("%Y%m%d")
            response["Content-Disposition"] = f'attachment; filename="comments-{stamp}.json"'
            return response
    return TemplateResponse(request, "stimme_comments/admin/personal_data.html", {"form": form})


@require_http_methods(["GET", "POST"])
def switch(request, page_id):
    """Open or close comments on one post (editors of the page, or moderators)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_see_in_admin(request.user, page):
        raise Http404  # as for a missing page: no hint that a confidential post exists
    if not may_switch(request.user, page):
        return forbidden(request)
    policy = CommentPolicy(request.user, page, request)
    if request.method == "POST":
        mode = request.POST.get("mode")
        if mode in PostCommentOptions.Mode.values:
            PostCommentOptions.objects.update_or_create(
                page=page, defaults={"mode": mode, "changed_at": timezone.now()}
            )
        elif mode == "auto":
            PostCommentOptions.objects.filter(page=page).delete()
        messages.success(request, _("Comment setting saved."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "stimme_comments/admin/switch.html",
        {
            "page": page,
            "is_open": policy.is_open,
            "options": PostCommentOptions.objects.filter(page_id=page.pk).first(),
            "closes_at": policy.settings.closes_at(page),
            "modes": PostCommentOptions.Mode.choices,
        },
    )
