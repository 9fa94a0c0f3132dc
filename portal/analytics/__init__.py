"""数据分析: page views counted in the cache, folded daily into PageViewDaily, shown in admin.

Not a Django app: the model lives in portal.models.analytics.
"""
