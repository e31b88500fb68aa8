"""Failed staff logins and the lockouts they trigger (stored in the database so
every app server and worker process sees the same counts)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FailedLogin(models.Model):
    """One failed login attempt for an account name from an address."""

    username = models.CharField(_("account"), max_length=150, db_index=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")
        indexes = [models.Index(fields=["username", "ip", "at"], name="internal_failed_pair_idx")]

    def __str__(self):
        return f"{self.username} @ {self.ip} · {self.at:%Y-%m-%d %H:%M}"


class LoginLockout(models.Model):
    """Logins for an (account, address) pair, or for a whole address, refused until a time.

    ``username`` is empty for an address-wide lockout (many accounts tried).
    """

    username = models.CharField(_("account"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    locked_until = models.DateTimeField(_("locked until"), db_index=True)
    created_at = models.DateTimeField(_("locked at"), default=timezone.now)

    class Meta:
        verbose_name = _("login lockout")
        verbose_name_plural = _("login lockouts")

    def __str__(self):
        return f"{self.username or '*'} @ {self.ip} until {self.locked_until:%Y-%m-%d %H:%M}"
