"""Template helpers of the blog: JSON-LD output."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Inside <script> only "<" could end the element early; "&" and ">" are
# escaped as well, like Django's json_script, so no HTML parser is confused.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data) -> str:
    """``data`` as a ``<script type="application/ld+json">`` block.

    A data block, not a script: browsers never execute it, so the strict
    ``script-src 'self'`` policy does not apply and no nonce is needed.
    """
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
