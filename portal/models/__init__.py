from .analytics import PageViewDaily
from .article import Article, ArticleAttachment, ArticleCategory, Column, Openness
from .attachment import AttachmentBase
from .audit import ChangeLog
from .department import Department
from .editor import BodyImage
from .publishing import Publishable, PublishStatus
from .site import OfficialAccount, SiteSettings
from .textcheck import ConfirmedContact, WordingRule
from .user import Role, User

__all__ = [
    "Article", "ArticleAttachment", "ArticleCategory", "AttachmentBase", "BodyImage", "ChangeLog", "Column",
    "ConfirmedContact", "Department",
    "OfficialAccount",
    "Openness", "PageViewDaily", "Publishable", "PublishStatus", "Role", "SiteSettings", "User", "WordingRule",
]
