"""The staff menu: grouped by area, each role sees only what it may open, in one line."""

from django.test import RequestFactory

from config.navigation import navigation
from tests.factories import UserFactory


def _menu(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return navigation(request)["nav_groups"]


def _labels(groups):
    return [(str(group["label"]), [str(item["label"]) for item in group["items"]]) for group in groups]


def test_management_sees_every_area_as_a_group(general_manager):
    # when
    groups = _labels(_menu(general_manager))
    # then
    assert [label for label, _items in groups] == [
        "工作台",
        "租户",
        "空间与合同",
        "交接与装修",
        "服务台",
        "收费管理",
    ]
    assert "单元" in dict(groups)["空间与合同"]


def test_a_role_sees_only_the_entries_it_may_open_and_no_empty_group(db):
    # given: security guards check fit-out passes and see units and the service desk, nothing of billing
    guard = UserFactory(roles=["security"])
    # when
    groups = dict(_labels(_menu(guard)))
    # then
    assert "收费管理" not in groups and "租户" in groups
    assert all(items for items in groups.values())
    assert "合同台账" not in groups.get("空间与合同", [])


def test_only_the_most_specific_entry_and_its_group_are_marked(engineer):
    # when: the engineer is on the meter-reading rounds, which live under /handover/
    groups = _menu(engineer, "/handover/rounds/")
    # then
    active = [(str(g["label"]), str(i["label"])) for g in groups for i in g["items"] if i["active"]]
    assert active == [("交接与装修", "抄表")]
    assert [str(g["label"]) for g in groups if g["active"]] == ["交接与装修"]
