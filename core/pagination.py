"""One paginator for every listing, so no index page repeats the try/except."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

# Anything beyond this is a crawler or an attack, not a reader.
MAX_PAGE_DIGITS = 6


def paginate(request, object_list, per_page: int, param: str = "page"):
    """Return the requested page of ``object_list``.

    A missing or non-numeric ``?page=`` gives page 1; a number past the end
    (or absurdly large) is a 404, never a 500.
    """
    raw = request.GET.get(param, "1")
    if len(raw) > MAX_PAGE_DIGITS:
        raise Http404("page out of range")
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(raw)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage as exc:
        raise Http404("page out of range") from exc
