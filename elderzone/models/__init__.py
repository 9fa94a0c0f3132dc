from .care import CareInstitution, District, InstitutionKind
from .content import ElderNotice, ElderService, LifeArticle, LifeCategory, ServiceCategory
from .speech import SpeechAudio

__all__ = [
    "CareInstitution", "District", "ElderNotice", "ElderService", "InstitutionKind", "LifeArticle",
    "LifeCategory", "ServiceCategory", "SpeechAudio",
]
