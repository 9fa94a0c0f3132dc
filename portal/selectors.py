from django.http import Http404

from portal.publishing import can_edit


def public_or_preview(queryset, pk, user):
    """A published row for everyone, or any row for an official who may edit it (preview).

    Returns (obj, is_preview). Anything else is a 404, so unpublished rows are not revealed.
    """
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404("页面不存在或已撤回。")
    if obj.is_public:
        return obj, False
    if user.is_authenticated and can_edit(user, obj):
        return obj, True
    raise Http404("页面不存在或已撤回。")
