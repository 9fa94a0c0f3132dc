from .audit import ChangeLog
from .department import Department
from .publishing import Publishable, PublishStatus
from .user import Role, User

__all__ = ["ChangeLog", "Department", "Publishable", "PublishStatus", "Role", "User"]
