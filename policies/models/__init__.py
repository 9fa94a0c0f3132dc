from .document import Attachment, DocType, PolicyDocument, Validity

__all__ = ["Attachment", "DocType", "PolicyDocument", "Validity"]
