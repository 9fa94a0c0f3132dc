"""Admin of the policy library, one module per part (documents, 解读, 解读人, 问答, 办事指南, 专题)."""
from . import documents, guide, interpretation, interpreter, qa, topic  # noqa: F401
