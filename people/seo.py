"""What search engines read about a public profile: schema.org ``Person`` as JSON-LD.

Built from ``Person.PUBLIC_FIELDS`` only, so phone, internal email, location
and manager can never reach the markup.
"""

from django.utils.safestring import SafeString

from core.models import SiteSettings
from core.seo import jsonld_script
from core.site_address import absolute, base_url


def person_data(person, request, url: str) -> dict:
    """The schema.org ``Person`` for ``person``'s public profile at ``url``."""
    organisation = {
        "@type": "Organization",
        "name": SiteSettings.for_request(request).organisation_name,
        "url": base_url() + "/",
    }
    if person.department:
        organisation["department"] = {"@type": "Organization", "name": person.department.name}
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": url,
        "url": url,
        "name": person.name,
        "worksFor": organisation,
    }
    if person.job_title:
        data["jobTitle"] = person.job_title
    if person.short_bio:
        data["description"] = person.short_bio
    if person.photo:
        rendition = person.photo.get_rendition("fill-600x600-c100|format-jpeg")
        data["image"] = absolute(rendition.url)
    if expertise := person.expertise_list():
        data["knowsAbout"] = expertise
    if links := [link for _label, link in person.public_links()]:
        data["sameAs"] = links
    return data


def person_jsonld(person, request, url: str) -> SafeString | str:
    """``person_data`` as a JSON-LD ``<script>`` data block."""
    return jsonld_script(person_data(person, request, url))
