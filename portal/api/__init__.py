"""The read-only open-data API under /api/ (policies, interpretations, Q&A, service guides, activities,
权责清单). A resource is one small class in resources.py; the list/detail views, filters, pagination,
the OpenAPI schema and the docs page are derived from it.
"""
