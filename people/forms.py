"""The front-end form employees use to edit their own profile (no admin access needed)."""

import html
import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.fields import WagtailImageField

from .portraits import save_portrait

PORTRAIT_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
PORTRAIT_MAX_BYTES = 5 * 1024 * 1024
PORTRAIT_MAX_PIXELS = 40_000_000
PORTRAIT_MIN_SIDE = 200
BIO_MAX_LENGTH = 4000

_web_url = URLValidator(schemes=["https", "http"])


class PortraitField(WagtailImageField):
    """A photo upload: JPEG, PNG or WebP, at most 5 MB, at least 200×200 pixels.

    Wagtail's field checks that the content really is the image format its
    extension claims; this one narrows formats and size for portraits.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_image_extensions = list(PORTRAIT_EXTENSIONS)
        self.max_upload_size = PORTRAIT_MAX_BYTES
        self.max_upload_size_text = filesizeformat(PORTRAIT_MAX_BYTES)
        self.max_image_pixels = PORTRAIT_MAX_PIXELS
        self.help_text = _("JPEG, PNG or WebP, at most 5 MB, at least 200×200 pixels.")
        self.error_messages["invalid_image_extension"] = _(
            "Please upload a JPEG, PNG or WebP image."
        )

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            width, height = upload.image.get_size()
            if min(width, height) < PORTRAIT_MIN_SIDE:
                raise ValidationError(
                    _("This photo is too small (%(width)d×%(height)d pixels)."),
                    code="portrait_too_small",
                    params={"width": width, "height": height},
                )
        return upload


def richtext_to_text(value: str) -> str:
    """Rich text as plain paragraphs separated by blank lines (for the textarea)."""
    text = re.sub(r"</(p|li|h\d)>\s*", "\n\n", value or "", flags=re.I)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = html.unescape(strip_tags(text))
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


def text_to_richtext(text: str) -> str:
    """Plain paragraphs (blank-line separated) as escaped rich text ``<p>`` elements."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def is_linkedin_address(url: str) -> bool:
    """Whether a browser opening ``url`` lands on linkedin.com (or a subdomain) over https.

    Parsed the strict way: browsers treat a backslash as a slash, so
    ``https://evil.example\\@www.linkedin.com/`` opens evil.example while
    ``urlsplit`` names linkedin.com; any backslash, user info (``x@``), port
    or other scheme is refused rather than interpreted.
    """
    if "\\" in url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme != "https" or port is not None or "@" in parts.netloc:
        return False
    host = (parts.hostname or "").lower()
    if parts.netloc.lower() != host:
        return False  # the authority must be the bare host name, nothing around it
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def provider_owned_fields(person) -> tuple[str, ...]:
    """Person fields the company's identity provider keeps for this person (read-only here).

    Apps that sync profiles from a provider answer the ``person_provider_fields``
    hook (``identity``), so people imports none of them.
    """
    names: list[str] = []
    if person is not None and person.pk:
        for hook in hooks.get_hooks("person_provider_fields"):
            names.extend(hook(person))
    return tuple(dict.fromkeys(names))


class PersonAdminForm(WagtailAdminModelForm):
    """The admin's person form: fields the provider owns are shown but cannot be changed.

    Disabled fields keep the stored value whatever a (crafted) POST sends.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in provider_owned_fields(self.instance):
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Kept by the company account; change it there.")


class ProfileForm(forms.Form):
    """Bio, expertise, public links and photo of the signed-in employee's profile.

    A plain form on purpose: it never saves the live ``Person``. ``apply_to``
    copies the cleaned data onto a draft, which ``people.review`` stores as
    a revision for an editor to approve.
    """

    short_bio = forms.CharField(
        label=_("Short bio"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences, shown on the team page and under your posts."),
    )
    bio_text = forms.CharField(
        label=_("Longer bio"),
        max_length=BIO_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    expertise = forms.CharField(
        label=_("Areas of expertise"),
        max_length=300,
        required=False,
        help_text=_("Comma-separated, e.g. “Kältemittel, Feldtests”."),
    )
    linkedin_url = forms.URLField(
        label="LinkedIn", required=False, assume_scheme="https", validators=[_web_url]
    )
    mastodon_url = forms.URLField(
        label="Mastodon",
        required=False,
        assume_scheme="https",
        validators=[_web_url],
        help_text=_("Your profile URL, e.g. https://norden.social/@name."),
    )
    website_url = forms.URLField(
        label=_("Personal website"), required=False, assume_scheme="https", validators=[_web_url]
    )
    photo = PortraitField(label=_("New photo"), required=False)
    photo_credit = forms.CharField(
        label=_("Credit for the new photo"),
        max_length=120,
        required=False,
        help_text=_("Who took the photo, e.g. “Anna Weber” or “privat”. Shown under the photo."),
    )
    remove_photo = forms.BooleanField(
        label=_("Remove my photo and show my initials instead"), required=False
    )

    def __init__(self, *args, person, **kwargs):
        self.person = person
        self.initial_bio_text = richtext_to_text(person.bio)
        initial = {
            "short_bio": person.short_bio,
            "bio_text": self.initial_bio_text,
            "expertise": person.expertise,
            "linkedin_url": person.linkedin_url,
            "mastodon_url": person.mastodon_url,
            "website_url": person.website_url,
        }
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, initial=initial, **kwargs)

    def provider_fields(self) -> list[tuple[str, str]]:
        """(label, value) of the fields the company account keeps, shown read-only."""
        shown = []
        for name in provider_owned_fields(self.person):
            field = self.person._meta.get_field(name)
            value = getattr(self.person, name)
            shown.append((str(field.verbose_name), str(value) if value else "—"))
        return shown

    def clean_linkedin_url(self):
        url = self.cleaned_data["linkedin_url"]
        if url and not is_linkedin_address(url):
            raise ValidationError(_("Please enter a linkedin.com address."))
        return url

    def clean_expertise(self):
        items = [item.strip() for item in self.cleaned_data["expertise"].split(",")]
        return ", ".join(item for item in items if item)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            self.add_error("remove_photo", _("Either upload a new photo or remove it, not both."))
        if cleaned.get("photo") and not cleaned.get("photo_credit"):
            self.add_error(
                "photo_credit", _("Please say who took the photo; German law expects a credit.")
            )
        return cleaned

    def has_photo_upload(self) -> bool:
        """Whether a file was sent (to remind the reader to choose it again after errors)."""
        return bool(self.files.get(self.add_prefix("photo")))

    def apply_to(self, draft, user) -> None:
        """Copy the cleaned data onto ``draft`` (unsaved); store a new photo first."""
        data = self.cleaned_data
        draft.short_bio = data["short_bio"]
        # Only rewrite the bio when it changed: the plain-text round trip
        # would otherwise drop formatting an editor added in the admin.
        if data["bio_text"] != self.initial_bio_text:
            draft.bio = text_to_richtext(data["bio_text"])
        draft.expertise = data["expertise"]
        draft.linkedin_url = data["linkedin_url"]
        draft.mastodon_url = data["mastodon_url"]
        draft.website_url = data["website_url"]
        if data["remove_photo"]:
            draft.photo = None
        elif data["photo"]:
            draft.photo = save_portrait(data["photo"], draft, data["photo_credit"], user)
