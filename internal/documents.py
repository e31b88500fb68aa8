"""The private "Intern" collection for documents attached to internal posts.

Documents are served through Wagtail's serve view (``WAGTAILDOCS_SERVE_METHOD
= "serve_view"``), which checks the collection's view restriction, so a
document in this collection only reaches members of the Employees group.
"""

from django.contrib.auth.models import Group

from wagtail.models import Collection, CollectionViewRestriction

from core.visibility import EMPLOYEES_GROUP

PRIVATE_COLLECTION = "Intern"


def private_collection() -> Collection:
    """The "Intern" collection, restricted to the Employees group (created if missing)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PRIVATE_COLLECTION)
    employees, _created = Group.objects.get_or_create(name=EMPLOYEES_GROUP)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.add(employees)
    return collection
