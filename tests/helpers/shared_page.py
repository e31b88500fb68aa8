"""What may differ between two readers' copies of one shared, cacheable page.

The page cache serves one copy of a public page to every anonymous reader and
splices in each reader's own CSRF token. A page rendered anew (not from the
cache) also signs the comment form anew: its ``timestamp`` is the second of
the render and its ``security_hash`` follows from it. Tests that compare two
readers' pages strip exactly these, and nothing else, so any other difference
is a reader's personal state leaking into shared bytes.
"""

import re

CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')
FORM_SIGNATURE = re.compile(r'(name="(?:timestamp|security_hash)" value=")[0-9a-f]+"')


def same_for_everyone(html: str, *, rendered_anew: bool = False) -> str:
    """``html`` with the reader's token blanked, and the form's signature when ``rendered_anew``."""
    html = CSRF_TOKEN.sub(r'\1…"', html)
    return FORM_SIGNATURE.sub(r'\1…"', html) if rendered_anew else html
