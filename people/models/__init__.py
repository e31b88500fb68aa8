"""People models: profiles and departments (snippets) and the public team page."""

from .people import Authorship, Department, Person, PersonQuerySet
from .team import TeamPage
from .team_address import forget_team_url, public_team_url

__all__ = [
    "Authorship",
    "Department",
    "Person",
    "PersonQuerySet",
    "TeamPage",
    "forget_team_url",
    "public_team_url",
]
