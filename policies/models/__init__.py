from .document import Attachment, DocType, PolicyDocument, Validity
from .guide import GuideMaterial, GuideStep, ServiceGuide
from .interpretation import Interpretation, InterpretationFigure, InterpretationImage, InterpretationKind
from .interpreter import InterpreterReview, PolicyInterpreter
from .qa import PolicyQA, QACategory
from .topic import SpecialTopic

__all__ = [
    "Attachment", "DocType", "PolicyDocument", "Validity",
    "GuideMaterial", "GuideStep", "ServiceGuide",
    "Interpretation", "InterpretationFigure", "InterpretationImage", "InterpretationKind",
    "InterpreterReview", "PolicyInterpreter",
    "PolicyQA", "QACategory",
    "SpecialTopic",
]
