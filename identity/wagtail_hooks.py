from wagtail import hooks

from .models import CompanyAccount
from .profile import PROVIDER_FIELDS


@hooks.register("person_provider_fields")
def provider_fields(person):
    """A profile linked to a company account: the provider owns these fields."""
    if person.user_id and CompanyAccount.objects.filter(user_id=person.user_id).exists():
        return PROVIDER_FIELDS
    return ()
