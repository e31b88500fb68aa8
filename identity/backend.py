"""The company's OpenID Connect provider, as a python-social-auth backend.

social-core does the protocol: discovery from the issuer, authorization code
flow with PKCE (S256), state bound to the browser's session, a nonce bound to
that state and used once, the ID token's signature checked against the
provider's JWKS (re-fetched when an unknown ``kid`` appears, so a key rotation
needs no restart), issuer, audience and expiry checked. This class only tells
it where our configuration lives (the ``OIDC_*`` settings, one owner) and
makes the user id the (issuer, subject) pair.
"""

from django.conf import settings

from social_core.backends.open_id_connect import OpenIdConnectAuth

# social-core's setting names -> ours.
_SETTINGS = {
    "OIDC_ENDPOINT": "OIDC_ISSUER",
    "KEY": "OIDC_CLIENT_ID",
    "SECRET": "OIDC_CLIENT_SECRET",  # noqa: S105 - a setting name  # nosec B105
    "SCOPE": "OIDC_SCOPES",
    "ID_KEY": "OIDC_SUBJECT_CLAIM",
    "URLOPEN_TIMEOUT": "OIDC_TIMEOUT",
}


def sso_enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID)


class CompanyOpenIdConnect(OpenIdConnectAuth):
    name = "company"
    DEFAULT_USE_PKCE = True
    # Servers' clocks drift; a minute either way is still the same sign-in.
    JWT_LEEWAY = 60
    EXTRA_DATA: list = []  # keep no provider tokens in our database

    def setting(self, name, default=None):
        if name in _SETTINGS:
            return getattr(settings, _SETTINGS[name])
        if name == "USE_PKCE":
            return True
        return super().setting(name, default)

    def get_user_id(self, details, response):
        """``"<issuer> <subject>"``: the same subject at another issuer is another person."""
        subject = super().get_user_id(details, response)
        return f"{self.id_token['iss']} {subject}"

    def claims(self, response) -> dict:
        """The validated ID token's claims, completed by userinfo (same ``sub``, checked)."""
        return {**(response or {}), **(self.id_token or {})}
