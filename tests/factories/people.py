"""Factories of people: departments, public and internal profiles, employees with a profile."""

import factory

from core.visibility import EMPLOYEES_GROUP
from people.builders import build_profile
from people.models import Department, Person

from .core import ImageFactory, UserFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Abteilung {n}")
    slug = factory.Sequence(lambda n: f"abteilung-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    """A live public profile; ``photo=True`` gives it a generated portrait."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    visibility = Person.Visibility.PUBLIC
    live = True

    class Params:
        internal = factory.Trait(visibility=Person.Visibility.INTERNAL)

    @classmethod
    def _create(cls, model_class, *, photo=None, **fields):
        if photo is True:
            photo = ImageFactory(title=f"Porträt {fields['name']}", credit="Anna Weber")
        return super()._create(model_class, photo=photo or None, **fields)


def employee_with_profile(username: str, **profile):
    """An employee account (Employees group) and its live profile."""
    user = UserFactory(username=username, groups=[EMPLOYEES_GROUP])
    build_profile(user, **profile)
    return user
