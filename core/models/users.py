from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login account: employees, editors and executives.

    Public readers never get an account; they comment with name and email.
    The public face of a person (photo, role, bio) lives on ``people.Person``
    so posts keep their author credit when an account is deactivated.
    """

    email = models.EmailField(_("email address"), blank=True, db_index=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
