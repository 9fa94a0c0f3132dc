"""A citizen's looked-up case or receipt is kept in the session only briefly.

Public terminals (kiosks, 政务服务大厅 PCs) are shared: the next person must not find the previous
applicant's case or 查询码 still open, so a session that holds one expires after half an hour.
"""
LOOKUP_SECONDS = 30 * 60


def expire_soon(request) -> None:
    request.session.set_expiry(LOOKUP_SECONDS)
