"""URL converters shared by every app's routes."""


class DatabaseIdConverter:
    """``<id:…>``: a primary key, at most 18 digits.

    Django's ``<int:…>`` takes any number of digits. A 30-digit comment or
    page id then reaches the database, and SQLite cannot even compare a
    number past 64 bits (a 500 instead of a 404). 18 digits stay below
    2**63, so anything longer is simply no match: a 404.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
