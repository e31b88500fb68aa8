"""One paginator: bad input gives page 1, out of range gives 404, never a 500."""

from django.http import Http404
from django.test import RequestFactory

import pytest

from core.pagination import paginate

ITEMS = list(range(25))


def _page(raw):
    request = RequestFactory().get("/", {"page": raw} if raw is not None else {})
    return paginate(request, ITEMS, per_page=10)


@pytest.mark.parametrize("raw", [None, "", "abc", "1.5", "%00"])
def test_missing_or_garbage_page_gives_the_first_page(raw):
    assert _page(raw).number == 1


def test_last_page_is_reachable():
    assert list(_page("3").object_list) == [20, 21, 22, 23, 24]


@pytest.mark.parametrize("raw", ["4", "0", "-1", "1000000000000", "9" * 50])
def test_out_of_range_page_is_not_found(raw):
    with pytest.raises(Http404):
        _page(raw)
