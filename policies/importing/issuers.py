"""发文机关 by name, creating the departments an import names but the portal does not know yet.

A new department is placed under the government whose region its name starts with (湖南省…,
长沙市…, 长沙市望城区…) and numbered in that government's code range (430100-05); names
matching no region get an "EXT-" code derived from the name, so it is stable across runs.
"""
from __future__ import annotations

import hashlib
import re

from portal.models import Department

_GOVERNMENT = "人民政府"
_CODE = re.compile(r"^(?P<region>[0-9A-Za-z]+)-(?P<seq>\d+)$")


class IssuerResolver:
    def __init__(self):
        self._by_name: dict[str, Department] = {}
        self._by_pk: dict[int, Department] = {}
        self.created: list[Department] = []

    def get(self, name: str) -> Department:
        dept = self._by_name.get(name)
        if dept is None:
            dept = Department.objects.filter(name=name).first() or Department.objects.filter(short_name=name).first()
            if dept is None:
                dept = self._create(name)
            self._by_name[name] = dept
            self._by_pk[dept.pk] = dept
        return dept

    def by_pk(self, pk: int) -> Department:
        if pk not in self._by_pk:
            self._by_pk[pk] = Department.objects.get(pk=pk)
        return self._by_pk[pk]

    def _create(self, name: str) -> Department:
        parent = self._region_government(name)
        code = self._next_code(parent) if parent else self._external_code(name)
        level = self._level_below(parent) if parent else Department.Level.PROVINCE
        dept = Department.objects.create(
            name=name, short_name=name[:40], code=code, parent=parent, level=level,
            functions="（由政策文件导入创建，请补充机构职能。）",
        )
        self.created.append(dept)
        return dept

    @staticmethod
    def _region_government(name: str) -> Department | None:
        best, best_len = None, 0
        for gov in Department.objects.filter(name__endswith=_GOVERNMENT):
            region = gov.name[: -len(_GOVERNMENT)]
            if region and name.startswith(region) and name != gov.name and len(region) > best_len:
                best, best_len = gov, len(region)
        return best

    @staticmethod
    def _level_below(parent: Department) -> str:
        # A department of a government sits at that government's level (省财政厅 is 省级).
        return parent.level

    @staticmethod
    def _next_code(parent: Department) -> str:
        match = _CODE.match(parent.code)
        if not match:
            return IssuerResolver._external_code(parent.code + "/" + parent.name)
        region = match["region"]
        used = set()
        for code in Department.objects.filter(code__startswith=f"{region}-").values_list("code", flat=True):
            m = _CODE.match(code)
            if m and m["region"] == region:
                used.add(int(m["seq"]))
        seq = max(used, default=0) + 1
        return f"{region}-{seq:02d}"

    @staticmethod
    def _external_code(name: str) -> str:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10].upper()
        code = f"EXT-{digest}"
        suffix = 1
        while Department.objects.filter(code=code).exists():
            suffix += 1
            code = f"EXT-{digest}-{suffix}"
        return code
