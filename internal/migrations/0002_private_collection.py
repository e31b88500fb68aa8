"""The "Intern" collection: documents in it are served only to the Employees group."""

from django.db import migrations

COLLECTION = "Intern"
EMPLOYEES = "Employees"


def create_private_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return  # a database without Wagtail's root collection; seed_demo creates it later
    collection = Collection.objects.filter(name=COLLECTION, depth=2).first()
    if collection is None:
        # Historical models have no treebeard API: add the child by hand.
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = 4
        if last is None:
            path = root.path + "0001"
        else:
            number = int(last.path[-step:], 36) + 1
            path = root.path + _base36(number).rjust(step, "0")
        collection = Collection.objects.create(name=COLLECTION, path=path, depth=2, numchild=0)
        root.numchild += 1
        root.save(update_fields=["numchild"])
    employees, _created = Group.objects.get_or_create(name=EMPLOYEES)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="groups"
        )
    restriction.groups.add(employees)


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("internal", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_private_collection, migrations.RunPython.noop)]
