"""Employee-only pages under ``/intern/``: settings, confirming a must-read."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from core.decorators import employees_only
from core.site_address import absolute

from ..audience import may_read
from ..forms import NotificationSettingsForm
from ..models import (
    Acknowledgement,
    InternalIndexPage,
    InternalPostPage,
    NotificationPreference,
)


@employees_only
def settings_page(request):
    """``/intern/einstellungen/``: notification frequency and the private feed address."""
    preference = NotificationPreference.for_user(request.user)
    form = NotificationSettingsForm(instance=preference)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "notifications":
            form = NotificationSettingsForm(request.POST, instance=preference)
            if form.is_valid():
                form.save()
                messages.success(request, gettext("Your notification settings were saved."))
                return redirect("internal:settings")
        elif action == "feed-new":
            preference.regenerate_feed_token()
            messages.success(
                request,
                gettext("Your new feed address is ready. Any older address no longer works."),
            )
            return redirect(reverse("internal:settings") + "#feed")
        elif action == "feed-revoke":
            preference.revoke_feed_token()
            messages.success(request, gettext("Your feed address was switched off."))
            return redirect(reverse("internal:settings") + "#feed")
    feed_url = atom_url = ""
    if preference.feed_token:
        feed_url = absolute(reverse("internal:token_feed", args=[preference.feed_token]))
        atom_url = absolute(reverse("internal:token_feed_atom", args=[preference.feed_token]))
    return render(
        request,
        "internal/settings.html",
        {
            "form": form,
            "preference": preference,
            "feed_url": feed_url,
            "atom_url": atom_url,
            "internal_index": InternalIndexPage.objects.live().first(),
        },
    )


@require_POST
@employees_only
def acknowledge(request, page_id: int):
    """Confirm "read and understood" for the current version of a must-read."""
    post = get_object_or_404(InternalPostPage.objects.live(), pk=page_id)
    if not may_read(request.user, post) or not post.must_read:
        raise Http404
    _ack, created = Acknowledgement.objects.get_or_create(
        post=post, user=request.user, version=post.acknowledgement_version
    )
    if created:
        messages.success(request, gettext("Thank you – your confirmation was recorded."))
    return redirect(post.url + "#confirmation")
