"""Factories of polls with their answer options."""

from datetime import timedelta

from django.utils import timezone

import factory

from polls.models import Poll, PollOption


class PollFactory(factory.django.DjangoModelFactory):
    """An open single-choice poll for a week; ``options`` are the answers' labels."""

    class Meta:
        model = Poll

    question = "Welche Farbe soll die neue Halle bekommen?"
    kind = Poll.Kind.SINGLE
    internal = False
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    results_shown = Poll.ResultsShown.AFTER_VOTING

    @classmethod
    def _create(cls, model_class, *, options=("Blau", "Grün", "Grau"), **fields):
        poll = model_class(**fields)
        poll.options = [PollOption(label=label) for label in options]
        poll.save()
        return poll
