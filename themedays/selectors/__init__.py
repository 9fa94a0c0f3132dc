"""Reads of the 主题日 programme. Pages, feeds, iCal and search call the same functions."""
