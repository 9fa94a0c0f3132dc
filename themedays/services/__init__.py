"""Writes of the 主题日 programme. Keyword-only, atomic, and each records its own history."""
