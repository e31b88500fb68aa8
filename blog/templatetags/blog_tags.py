"""Template helpers of the blog: JSON-LD output."""

from django import template

from core.seo import jsonld_script

register = template.Library()


@register.filter
def jsonld(data) -> str:
    """``data`` as a JSON-LD ``<script>`` data block (see ``core.seo.jsonld_script``)."""
    return jsonld_script(data)
