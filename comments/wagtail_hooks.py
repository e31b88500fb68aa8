"""The comments area of the Wagtail admin: moderation queue, data requests, per-post switch.

Editors (group "Editors", see migration 0002) see every comment, newest
reports first; they hide, restore or edit comments, mark the official
answer, and mark reports as handled. Approving a held comment sends the
notifications its publication would have sent.
"""

from django import forms
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from core.models.posts import PostPage

from . import admin_views
from .models import CommentReport, StimmeComment
from .notifications import notify_published
from .policy import is_moderator, post_for_comment
from .queue.admin import ModerationPanel, ModerationQueueViewSet
from .queue.queries import comments_for


class CommentModerationForm(WagtailAdminModelForm):
    """The comment as moderators change it, plus "reports handled"."""

    resolve_reports = forms.BooleanField(label=_("Mark open reports as handled"), required=False)

    class Meta:
        model = StimmeComment
        fields = ["comment", "is_public", "is_removed", "is_official_answer"]


class CommentIndexView(IndexView):
    """Comments with open reports first, then the newest."""

    def get_base_queryset(self):
        # Internal comments only for moderators who are employees, as in the queue.
        return (
            comments_for(self.request.user)
            .filter(pk__in=super().get_base_queryset().values("pk"))
            .select_related("content_type", "person")
            .prefetch_related("content_object")
            .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        )


class CommentEditView(EditView):
    """Saving may publish a held comment (notify) and close its reports."""

    def save_instance(self):
        was_public = StimmeComment.objects.filter(pk=self.object.pk, is_public=True).exists()
        instance = super().save_instance()
        if self.form.cleaned_data.get("resolve_reports"):
            instance.reports.filter(resolved_at__isnull=True).update(
                resolved_at=timezone.now(), resolved_by=self.request.user
            )
        if instance.is_official_answer and instance.official_marked_by_id is None:
            StimmeComment.objects.filter(pk=instance.pk).update(
                official_marked_by=self.request.user
            )
        if instance.is_public and not instance.is_removed and not was_public:
            post = post_for_comment(instance)
            if post is not None:
                notify_published(instance, post, self.request)
        return instance


class CommentViewSet(ModelViewSet):
    """The moderation queue for reader and staff comments."""

    model = StimmeComment
    icon = "comment"
    menu_label = _("Moderation")
    menu_order = 10
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    form_fields = ["comment", "is_public", "is_removed", "is_official_answer"]
    edit_handler = ObjectList(
        [
            FieldPanel("comment"),
            FieldPanel("is_public"),
            FieldPanel("is_removed"),
            FieldPanel("is_official_answer"),
            FieldPanel("resolve_reports"),
        ],
        base_form_class=CommentModerationForm,
    )
    list_display = [
        "excerpt",
        Column("display_name", label=_("Author")),
        Column("post_title", label=_("Post")),
        Column("open_reports", label=_("Open reports")),
        BooleanColumn("is_public", label=_("Visible")),
        BooleanColumn("is_staff_comment", label=_("Staff")),
        BooleanColumn("is_official_answer", label=_("Official answer")),
        DateColumn("submit_date", label=_("Written")),
    ]
    list_filter = ["is_public", "is_removed", "is_official_answer", "is_staff_comment"]
    search_fields = ["comment", "user_name", "user_email"]
    ordering = ["-open_reports", "-submit_date"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "user_name",
        "user_email",
        "user_url",
        "comment",
        "submit_date",
        "edited_at",
        "is_public",
        "is_removed",
        "is_staff_comment",
        "is_official_answer",
        "ip_address",
        "report_summary",
    ]
    copy_view_enabled = False


class CommentReportViewSet(ModelViewSet):
    """Every report, open ones first; moderators act on the comment itself."""

    model = CommentReport
    icon = "warning"
    menu_label = _("Reports")
    menu_order = 20
    form_fields = ["resolved_at"]
    list_display = ["comment", "reason", "details", DateColumn("created_at"), "resolved_at"]
    list_filter = ["reason"]
    ordering = ["-resolved_at", "-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_handle_personal_data(request.user)


class PersonalDataViewSet(ViewSet):
    """Export or erase everything stored about one commenter's email address."""

    icon = "user"
    url_prefix = "comment-tools"
    menu_label = _("Commenter data")
    menu_order = 30
    menu_item_class = PersonalDataMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.personal_data, name="personal_data"),
            path("switch/<id:page_id>/", admin_views.switch, name="switch"),
        ]


class CommentsAdminGroup(ViewSetGroup):
    """One "Comments" entry in the admin menu for everything moderators do."""

    menu_label = _("Comments")
    menu_icon = "comment"
    menu_order = 250
    items = (
        ModerationQueueViewSet("comment_moderation"),
        CommentViewSet("reader_comments"),
        CommentReportViewSet("comment_reports"),
        PersonalDataViewSet("stimme_comments_admin"),
    )


@hooks.register("register_admin_viewset")
def register_comments_admin():
    return CommentsAdminGroup()


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if is_moderator(request.user):
        panels.append(ModerationPanel(request.user))


@hooks.register("register_page_header_buttons")
def comment_switch_button(page, user, view_name, next_url=None):
    """ "Comments: open/closed" on every post's edit screen."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, PostPage):
        return []
    if not (page.permissions_for_user(user).can_edit() or is_moderator(user)):
        return []
    return [
        Button(
            _("Comments open or closed"),
            reverse("stimme_comments_admin:switch", args=[page.pk]),
            icon_name="comment",
            priority=60,
        )
    ]
