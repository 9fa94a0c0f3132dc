from django.core.paginator import EmptyPage, Paginator

from portal.params import Params


def paginate(request, object_list, per_page: int = 20):
    """A page of object_list; a bad or out-of-range ?page= gives the nearest page, never an error."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(Params(request.GET).page())
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
