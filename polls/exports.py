"""Poll results as CSV for editors, safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

# Cells starting with these are run as formulas by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets a ``'``."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def results_csv(poll, results) -> HttpResponse:
    """One row per answer option: label, votes, percent of voters; a total row last."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(poll.question)[:50] or f"poll-{poll.pk}"
    response["Content-Disposition"] = f'attachment; filename="umfrage-{poll.pk}-{name}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte-order mark
    writer = csv.writer(response)
    writer.writerow([neutralise(_("Question")), neutralise(poll.question)])
    writer.writerow([neutralise(_("Exported")), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    writer.writerow([])
    writer.writerow([_("Answer"), _("Votes"), _("Percent of voters")])
    for row in results.options:
        writer.writerow([neutralise(row.label), row.votes, row.percent])
    writer.writerow([_("Voters"), results.voters, ""])
    return response
