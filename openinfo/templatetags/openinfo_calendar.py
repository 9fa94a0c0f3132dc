"""The admin index banner while a year's 放假安排 is missing (from 1 November for next year)."""
from django import template

from openinfo.services.calendar import reminder_years

register = template.Library()


@register.simple_tag
def calendar_reminder() -> list[int]:
    return reminder_years()
