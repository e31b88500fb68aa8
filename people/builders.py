"""Builders of people and authored posts, shared by the demo seeders and the test factories.

See ``core.builders`` for what a builder does and what it leaves to its callers.
"""

from .models import Person


def build_profile(user, **fields) -> Person:
    """The profile of a staff account: named like the account unless told otherwise."""
    fields.setdefault("name", user.get_full_name() or user.username)
    fields.setdefault("slug", user.username.replace(".", "-"))
    fields.setdefault("live", True)
    return Person.objects.create(user=user, **fields)


def add_authored_post(parent, post, *, authors=(), publish: bool = True):
    """Put ``post`` under ``parent`` with ``authors`` (people, in order) and publish it.

    Works for every post type whose authorships are ``people.Authorship``
    rows under ``related_name="authors"``. A post with a future
    ``go_live_at`` is scheduled instead; ``publish=False`` leaves a draft.
    """
    authorship = type(post)._meta.get_field("authors").related_model
    post.authors = [
        authorship(person=person, sort_order=position) for position, person in enumerate(authors)
    ]
    parent.add_child(instance=post)
    revision = post.save_revision()
    if publish:
        revision.publish()
    post.refresh_from_db()
    return post
