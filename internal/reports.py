"""Who has confirmed a must-read, and who has not: per department and by name, and as CSV."""

import csv
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .audience import audience_users
from .models import Acknowledgement


@dataclass
class ReaderRow:
    """One colleague in the audience and when (if at all) they confirmed."""

    name: str
    username: str
    department: str
    location: str
    confirmed_at: object = None


@dataclass
class DepartmentCount:
    name: str
    total: int = 0
    confirmed: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.confirmed

    @property
    def percent(self) -> int:
        return round(100 * self.confirmed / self.total) if self.total else 0


@dataclass
class AcknowledgementReport:
    """The state of one must-read's current version across its audience."""

    post: object
    rows: list[ReaderRow] = field(default_factory=list)
    departments: list[DepartmentCount] = field(default_factory=list)

    @property
    def confirmed(self) -> list[ReaderRow]:
        return [row for row in self.rows if row.confirmed_at]

    @property
    def missing(self) -> list[ReaderRow]:
        return [row for row in self.rows if not row.confirmed_at]

    @property
    def total(self) -> int:
        return len(self.rows)


def build_report(post) -> AcknowledgementReport:
    """Audience members of ``post`` with their confirmation of its current version.

    Two queries however large the audience: the audience with profiles, and
    the confirmations of this version.
    """
    confirmed = dict(
        Acknowledgement.objects.filter(post=post, version=post.acknowledgement_version).values_list(
            "user_id", "acknowledged_at"
        )
    )
    no_department = _("No department")
    rows, counts = [], {}
    for user in audience_users(post):
        person = getattr(user, "person", None)
        department = person.department.name if person and person.department else no_department
        row = ReaderRow(
            name=(person.name if person else "") or user.get_full_name() or user.get_username(),
            username=user.get_username(),
            department=department,
            location=person.location if person else "",
            confirmed_at=confirmed.get(user.pk),
        )
        rows.append(row)
        count = counts.setdefault(department, DepartmentCount(department))
        count.total += 1
        count.confirmed += bool(row.confirmed_at)
    rows.sort(key=lambda row: (row.department, row.name.lower()))
    departments = sorted(
        counts.values(), key=lambda count: (count.name == no_department, count.name)
    )
    return AcknowledgementReport(post=post, rows=rows, departments=departments)


def report_csv(report: AcknowledgementReport) -> HttpResponse:
    """The report as a CSV download (UTF-8 with BOM, so spreadsheet apps read umlauts)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = (
        f"lesebestaetigungen-{slugify(report.post.slug)}-v{report.post.acknowledgement_version}.csv"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Username"),
            _("Department"),
            _("Location"),
            _("Confirmed"),
            _("Confirmed at"),
        ]
    )
    for row in report.rows:
        writer.writerow(
            [
                _safe_cell(row.name),
                _safe_cell(row.username),
                _safe_cell(row.department),
                _safe_cell(row.location),
                _("yes") if row.confirmed_at else _("no"),
                timezone.localtime(row.confirmed_at).strftime("%Y-%m-%d %H:%M")
                if row.confirmed_at
                else "",
            ]
        )
    return response


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in names people typed themselves."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
