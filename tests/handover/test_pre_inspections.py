"""Pre-inspection findings after the visit: recorded before the move-in completes, amended afterwards by the
department (each version kept in the task's history), shown on the visit page, and printed per visit."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents.errors import DomainError
from handover import services
from handover.models import PreInspection, Visit
from handover.selectors import findings_versions
from tests.handover.factories import complete_move_in, move_in_visit, staff
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 (the document_root fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_visit(document_root) -> Visit:
    """A completed move-in: each department recorded "正常" before it completed."""
    visit = move_in_visit()
    return complete_move_in(visit, staff("management"))


def _task(visit: Visit, department: str = "engineering") -> PreInspection:
    return visit.pre_inspections.get(department=department)


def test_pre_inspection_record_amends_after_the_visit_is_completed(completed_visit):
    # given: the move-in is completed with engineering's findings
    first = _task(completed_visit)
    engineer = staff("engineering")
    # when
    task = services.pre_inspection_record(task=first, findings="配电箱正常", by=engineer)
    # then: the record still says who inspected, and when
    assert task.findings == "配电箱正常"
    assert (task.done_by, task.done_at) == (first.done_by, first.done_at)


def test_pre_inspection_record_amends_and_keeps_each_version(completed_visit):
    # given
    engineer, other = staff("engineering"), staff("engineering")
    first = _task(completed_visit)
    task = services.pre_inspection_record(task=first, findings="配电箱正常", by=engineer)
    # when: a colleague amends it again after the visit
    task = services.pre_inspection_record(task=task, findings="配电箱正常；空调冷凝水管渗漏", by=other)
    # then: the record says who did the inspection; its history has every version and who wrote each
    assert task.findings == "配电箱正常；空调冷凝水管渗漏"
    assert (task.done_by, task.done_at) == (first.done_by, first.done_at)
    versions = findings_versions([task])[task.pk]
    assert [(v.findings, v.by) for v in versions] == [
        ("正常", first.done_by),
        ("配电箱正常", engineer),
        ("配电箱正常；空调冷凝水管渗漏", other),
    ]


def test_pre_inspection_record_refuses_unchanged_findings_and_another_department(completed_visit):
    # given: engineering recorded "正常" before the move-in completed
    task = _task(completed_visit)
    # when / then
    with pytest.raises(DomainError):
        services.pre_inspection_record(task=task, findings=" 正常 ", by=staff("engineering"))
    with pytest.raises(PermissionDenied):
        services.pre_inspection_record(task=task, findings="门禁正常", by=staff("security"))
    assert len(findings_versions([task])[task.pk]) == 1


def test_the_visit_page_lets_the_department_record_after_the_visit(client, completed_visit):
    # given
    engineer = staff("engineering")
    client.force_login(engineer)
    url = reverse(
        "handover:pre-inspection", kwargs={"pk": completed_visit.pk, "task_pk": _task(completed_visit).pk}
    )
    # when
    page = client.get(reverse("handover:visit-detail", kwargs={"pk": completed_visit.pk})).content.decode()
    response = client.post(url, {"findings": "消防喷淋正常"})
    # then
    assert f'action="{url}"' in page
    assert response.status_code == 302
    assert _task(completed_visit).findings == "消防喷淋正常"


def test_the_visit_page_offers_an_amendment_of_recorded_findings(client, completed_visit):
    # given
    engineer = staff("engineering")
    services.pre_inspection_record(task=_task(completed_visit), findings="正常，已复查", by=engineer)
    client.force_login(engineer)
    # when
    page = client.get(reverse("handover:visit-detail", kwargs={"pk": completed_visit.pk})).content.decode()
    # then
    assert "修改检查结果" in page and "已修改 1 次" in page


def test_the_findings_print_page_lists_each_department_and_every_version(client, completed_visit):
    # given
    engineer = staff("engineering")
    services.pre_inspection_record(task=_task(completed_visit), findings="空调渗漏", by=engineer)
    client.force_login(staff("front_desk"))
    # when
    response = client.get(reverse("handover:pre-inspection-print", kwargs={"pk": completed_visit.pk}))
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="print-engineering"' in page and 'data-testid="print-security"' in page
    assert "空调渗漏" in page and "正常" in page and 'data-testid="print-versions-engineering"' in page
    assert "<script>" not in page and "js/print-button.js" in page


def test_the_findings_print_page_is_not_for_legal_nor_tenants(client, completed_visit, tenant_user):
    url = reverse("handover:pre-inspection-print", kwargs={"pk": completed_visit.pk})
    client.force_login(staff("legal"))
    assert client.get(url).status_code == 403
    client.force_login(tenant_user)
    assert client.get(url).status_code in (403, 404)
