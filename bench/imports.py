"""Day-one import of 10,000 running leases, with their 10,000 tenants and 10,000 units.

The units and tenants are imported first (through the same importer); then the lease file (CSV, one row per
lease) is previewed (dry run: read, every row checked, nothing written) and imported (commit: planned and
written in one transaction, in bulk). Each is timed; the commit is then run once more under ``tracemalloc``
for its peak memory. Everything is rolled back, so the benches that follow see the demo data unchanged.

    {"metric": "import.leases.rows_per_s", "value": 2400.0, "unit": "rows/s", "mode": "commit", "goal": 1000}
"""

import csv
import io
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from time import perf_counter
from typing import Any

from django.db import transaction
from django.utils import timezone

ROWS = 10_000
GOAL_ROWS_PER_S = 1000
PEAK_LIMIT_MB = 200


class _Rollback(Exception):
    pass


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _credit_code(n: int) -> str:
    """A valid unified social credit code per n (the check digit computed by python-stdnum's rule)."""
    from stdnum.cn import uscc

    body = f"9131{n:06d}MA1BE{n % 1000:03d}"[:17]
    return body + uscc.calc_check_digit(body)


def _files(today: Any) -> tuple[bytes, bytes, bytes]:
    units = [["楼宇编号", "楼宇名称", "楼层", "单元编号", "建筑面积", "使用面积", "用途"]]
    units += [
        ["BIMP", "导入测试大厦", str(1 + n // 100), f"BI-{n:05d}", "100", "90", "办公"] for n in range(ROWS)
    ]
    tenants = [["租户类型", "租户名称", "统一社会信用代码或身份证号", "联系人", "联系人手机"]]
    tenants += [
        ["企业", f"导入测试企业{n:05d}", _credit_code(n), f"联系人{n}", "13800000000"] for n in range(ROWS)
    ]
    start, end = today - timedelta(days=300), today + timedelta(days=400)
    leases = [
        [
            "合同编号",
            "租户统一社会信用代码或身份证号",
            "楼宇编号",
            "租赁单元",
            "起租日",
            "到期日",
            "租金",
            "物业费",
            "付款周期",
            "租赁保证金",
        ]
    ]
    leases += [
        [
            f"IMP-{n:05d}",
            _credit_code(n),
            "BIMP",
            f"BI-{n:05d}",
            f"{start}",
            f"{end}",
            "6.50",
            "1.20",
            "季付",
            "1950",
        ]
        for n in range(ROWS)
    ]
    return _csv(units), _csv(tenants), _csv(leases)


def _clerk() -> Any:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tenancy.models import ManagementOffice, StaffOffice

    user = get_user_model().objects.create(username="bench-import-clerk", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="business")[0])
    # Head office: it imports into any building and adds new ones (an office's staff only into its own).
    head = ManagementOffice.objects.filter(is_head_office=True).first()
    if head is None:
        head = ManagementOffice.objects.create(name="总部", code="HQ", is_head_office=True)
    StaffOffice.objects.create(user=user, office=head)
    return user


def _timed(action: Callable[[], Any]) -> float:
    started = perf_counter()
    action()
    return perf_counter() - started


def _commit_in_savepoint(leases: bytes, clerk: Any, *, traced: bool) -> tuple[float, float]:
    """Seconds and peak MB (traced only) of the commit, rolled back."""
    from documents.imports.engine import import_run

    peak = 0.0
    try:
        with transaction.atomic():
            if traced:
                tracemalloc.start()
            seconds = _timed(lambda: import_run("leases", leases, by=clerk, commit=True))
            if traced:
                peak = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
            raise _Rollback
    except _Rollback:
        pass
    return seconds, peak


def run(emit: Callable[[dict[str, Any]], None]) -> None:
    from documents.imports.engine import import_run

    today = timezone.localdate()
    try:
        with transaction.atomic():
            clerk = _clerk()
            units, tenants, leases = _files(today)
            import_run("units", units, by=clerk, commit=True)
            import_run("tenants", tenants, by=clerk, commit=True)
            dry = _timed(lambda: import_run("leases", leases, by=clerk, commit=False))
            commit, _peak = _commit_in_savepoint(leases, clerk, traced=False)
            _seconds, peak = _commit_in_savepoint(leases, clerk, traced=True)
            raise _Rollback((dry, commit, peak))
    except _Rollback as done:
        dry, commit, peak = done.args[0]
    emit(
        {
            "metric": "import.leases.rows_per_s",
            "value": round(ROWS / dry, 1),
            "unit": "rows/s",
            "mode": "dry run",
            "rows": ROWS,
            "seconds": round(dry, 2),
        }
    )
    emit(
        {
            "metric": "import.leases.rows_per_s",
            "value": round(ROWS / commit, 1),
            "unit": "rows/s",
            "mode": "commit",
            "rows": ROWS,
            "seconds": round(commit, 2),
            "goal": GOAL_ROWS_PER_S,
        }
    )
    emit(
        {
            "metric": "import.leases.peak_mb",
            "value": round(peak, 1),
            "unit": "MB",
            "mode": "commit",
            "limit": PEAK_LIMIT_MB,
        }
    )
