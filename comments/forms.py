"""Server-rendered comment forms: they work without JavaScript and validate everything."""

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from django_comments.forms import CommentSecurityForm

from .models import CommentReport
from .text import normalise

MAX_LENGTH = settings.COMMENT_MAX_LENGTH


class CommentTextField(forms.CharField):
    """Plain text up to ``COMMENT_MAX_LENGTH`` characters, counted after normalising."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your comment"))
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault(
            "widget",
            forms.Textarea(
                attrs={
                    "rows": 6,
                    "maxlength": MAX_LENGTH,
                    "data-comment-counter": "",
                }
            ),
        )
        kwargs.setdefault(
            "help_text",
            _("Plain text, up to %(max)d characters. Addresses become links.")
            % {"max": MAX_LENGTH},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if "\x00" in value:
            # Left in place so the NUL validator reports it as a form error.
            return value
        return normalise(value)


class CommentForm(CommentSecurityForm):
    """A new comment or a reply on a post.

    Readers without an account give name, email, optionally a website, and
    consent to storing them; signed-in staff are identified by their account,
    so those fields are removed for them. ``content_type``/``object_pk`` are
    signed by ``CommentSecurityForm`` (with a timestamp), ``website_confirm``
    is a honeypot only bots fill in.
    """

    name = forms.CharField(label=_("Name"), max_length=50, help_text=_("Shown with your comment."))
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("Never published. We send you a link to confirm your comment."),
    )
    url = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    comment = CommentTextField()
    followup = forms.BooleanField(
        label=_("Email me when someone replies in this thread"), required=False
    )
    consent = forms.BooleanField(label=_("I agree that my name, email and comment are stored"))
    # Bounded like a 64-bit key: SQLite cannot even compare larger numbers.
    reply_to = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**63 - 1
    )
    # Honeypot: hidden by CSS and labelled for screen readers to skip it.
    website_confirm = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, target_object, *args, user=None, reply_to=None, **kwargs):
        self.user = user
        initial = kwargs.pop("initial", None) or {}
        if reply_to is not None:
            initial["reply_to"] = reply_to.pk
            # Several forms may share a page (JavaScript reply forms): unique ids.
            kwargs.setdefault("auto_id", f"id_r{reply_to.pk}_%s")
        super().__init__(target_object, *args, initial=initial, **kwargs)
        if getattr(user, "is_authenticated", False):
            for name in ("name", "email", "url", "consent"):
                del self.fields[name]
            self.fields["followup"].initial = True

    @property
    def is_anonymous(self) -> bool:
        return not getattr(self.user, "is_authenticated", False)

    def clean_website_confirm(self):
        value = self.cleaned_data.get("website_confirm")
        if value:
            raise forms.ValidationError(_("This field must stay empty."))
        return value

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_comment(self):
        text = self.cleaned_data["comment"]
        if not text:
            raise forms.ValidationError(_("Please write a comment."))
        return text


class EditCommentForm(forms.Form):
    """Change the text of one's own comment within the edit window."""

    comment = CommentTextField()

    def clean_comment(self):
        text = self.cleaned_data["comment"]
        if not text:
            raise forms.ValidationError(_("Please write a comment."))
        return text


class ReportForm(forms.ModelForm):
    """Why a reader reports a comment; anyone may report."""

    class Meta:
        model = CommentReport
        fields = ["reason", "details"]
        widgets = {
            "reason": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }
        labels = {"details": _("Anything else the moderators should know? (optional)")}


class EraseByEmailForm(forms.Form):
    """Editors look up (export or erase) all comments of one email address."""

    email = forms.EmailField(label=_("Email address"), max_length=254)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
