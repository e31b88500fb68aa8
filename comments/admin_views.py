"""Wagtail admin views of the comments app: personal data requests and the per-post switch."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from core.models.posts import PostPage

from .editing import erase_for, export_for
from .forms import EraseByEmailForm
from .models import PostCommentOptions
from .policy import CommentPolicy, is_moderator


def can_handle_personal_data(user) -> bool:
    """Editors (comment moderators) answer access and erasure requests."""
    return is_moderator(user)


@require_http_methods(["GET", "POST"])
def personal_data(request):
    """Export (JSON) or erase all comments of one email address."""
    if not can_handle_personal_data(request.user):
        raise PermissionDenied
    form = EraseByEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "erase" in request.POST:
            if request.POST.get("confirm") != "yes":
                messages.error(request, _("Tick the box to confirm the erasure."))
            else:
                count = erase_for(email)
                messages.success(
                    request,
                    _("Erased %(count)d comments of %(email)s; their threads stay.")
                    % {"count": count, "email": email},
                )
                return redirect("stimme_comments_admin:personal_data")
        else:
            data = export_for(email)
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
    if not isinstance(page, PostPage):
        raise PermissionDenied
    if not (page.permissions_for_user(request.user).can_edit() or is_moderator(request.user)):
        raise PermissionDenied
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
