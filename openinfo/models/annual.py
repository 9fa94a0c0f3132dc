"""Figures and texts of the 年报 that are not derived from other tables (entered by the 公开办)."""
from django.db import models


class AnnualReportEntry(models.Model):
    """One row per year and department; department empty = the government's own report text.

    The report of one department uses its row. The report of all departments takes the texts of the row
    without a department and adds up the figures of every row of the year.
    """

    year = models.PositiveIntegerField("年度")
    department = models.ForeignKey("portal.Department", verbose_name="机构", null=True, blank=True,
                                   on_delete=models.PROTECT, help_text="留空表示本级政府总体报告")
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    licensing = models.PositiveIntegerField("行政许可 本年处理决定数量", default=0)
    penalties = models.PositiveIntegerField("行政处罚 本年处理决定数量", default=0)
    enforcement = models.PositiveIntegerField("行政强制 本年处理决定数量", default=0)
    fees_wan = models.DecimalField("行政事业性收费 本年收费金额（万元）", max_digits=14, decimal_places=4, default=0)
    # 表四: 行政复议, 未经复议直接起诉, 复议后起诉 — each 维持/纠正/其他/尚未审结 (总计 is computed).
    review_upheld = models.PositiveIntegerField("行政复议 结果维持", default=0)
    review_corrected = models.PositiveIntegerField("行政复议 结果纠正", default=0)
    review_other = models.PositiveIntegerField("行政复议 其他结果", default=0)
    review_pending = models.PositiveIntegerField("行政复议 尚未审结", default=0)
    suit_upheld = models.PositiveIntegerField("未经复议直接起诉 结果维持", default=0)
    suit_corrected = models.PositiveIntegerField("未经复议直接起诉 结果纠正", default=0)
    suit_other = models.PositiveIntegerField("未经复议直接起诉 其他结果", default=0)
    suit_pending = models.PositiveIntegerField("未经复议直接起诉 尚未审结", default=0)
    after_upheld = models.PositiveIntegerField("复议后起诉 结果维持", default=0)
    after_corrected = models.PositiveIntegerField("复议后起诉 结果纠正", default=0)
    after_other = models.PositiveIntegerField("复议后起诉 其他结果", default=0)
    after_pending = models.PositiveIntegerField("复议后起诉 尚未审结", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    FIGURE_FIELDS = (
        "licensing", "penalties", "enforcement", "fees_wan",
        "review_upheld", "review_corrected", "review_other", "review_pending",
        "suit_upheld", "suit_corrected", "suit_other", "suit_pending",
        "after_upheld", "after_corrected", "after_other", "after_pending",
    )

    class Meta:
        verbose_name = verbose_name_plural = "年报填报数据"
        ordering = ["-year", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "department"], name="openinfo_annual_unique"),
            models.UniqueConstraint(fields=["year"], condition=models.Q(department__isnull=True),
                                    name="openinfo_annual_unique_government"),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年 {self.department or '本级政府'}"
