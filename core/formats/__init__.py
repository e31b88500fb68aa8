"""The site's date formats per interface language (``FORMAT_MODULE_PATH``).

Templates name a format (``{{ page.date|date }}``, ``|date:"DATETIME_FORMAT"``)
instead of spelling one, so the German „2. Dezember 2026“ and the English
"2 December 2026" come from here and nowhere else. English follows British
usage (day before month): the company writes to Europeans.
"""
