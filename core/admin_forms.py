"""The page form for posts with an ``authors`` inline: a new post starts credited to its writer.

``core`` imports none of our apps, so the person model is read off the
inline's ``person`` field instead of imported from ``people``.
"""

from wagtail.admin.forms import WagtailAdminPageForm

AUTHORS_FORMSET = "authors"


class AuthoredPageForm(WagtailAdminPageForm):
    """Pre-fills the first author of a new post with the signed-in user's own profile.

    Only an unbound form for an unsaved page is touched: the author row is an
    ordinary extra form with an initial value, so the writer can change or
    remove it, and a POST saves whatever the form then holds.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get(AUTHORS_FORMSET)
        if formset is None or self.is_bound or self.instance.pk is not None:
            return
        if formset.initial_form_count() or formset.initial_extra:
            return
        person = own_profile(formset.model, self.for_user)
        if person is not None:
            formset.initial_extra = [{"person": person.pk}]


def own_profile(authorship_model, user):
    """The profile linked to ``user`` on the authorship's ``person`` model, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    person_model = authorship_model._meta.get_field("person").related_model
    return person_model._default_manager.filter(user=user).first()
