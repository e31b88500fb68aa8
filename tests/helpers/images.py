"""A generated image stored as a Wagtail image, for tests that call it by title."""

from core.builders import flat_image
from tests.factories.core import ImageFactory


def make_image(title: str = "Bild", credit: str = "Foto: Test", size=(64, 36)):
    """A one-colour PNG (tiny unless ``size`` says otherwise) with its photo credit."""
    return ImageFactory(title=title, credit=credit, data=flat_image(size))
