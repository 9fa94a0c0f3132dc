from django.core.exceptions import PermissionDenied


def is_office(user) -> bool:
    """公开办 (and 系统管理员) review proposals, schedule and cancel activities for every department."""
    return bool(user and user.is_authenticated and user.sees_all_departments and user.can_publish)


def require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied("只有公开办可以进行此操作。")


def require_own_department(user, department_id) -> None:
    if user.sees_all_departments:
        return
    if not user.department_id or user.department_id != department_id:
        raise PermissionDenied("您无权操作其他单位的内容。")
