"""Demo renewals: the daily expiry sweep opens a case for each lease ending within two months and sends its
letter; of the three the demo has, the first tenant answers it will leave (a move-out notice at the term's
end, so handover opens the move-out), the second will renew (the next term's draft), the third is still
thinking (a follow-up call noted). A case already answered or followed up is left as it is.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..leases.renewals import (
    lease_expiry_sweep,
    renewal_case_answer,
    renewal_follow_up_add,
    renewal_letter_send,
)
from ..models import RenewalCase
from .common import SeedReport

ANSWERS = (
    (RenewalCase.Intent.LEAVE, "客户来电：公司迁往自有办公楼，到期退租。"),
    (RenewalCase.Intent.RENEW, "客户同意按原条件续租三年，请起草续租合同。"),
    (RenewalCase.Intent.UNDECIDED, "已电话联系行政经理，客户仍在比较其他园区，下周再联系。"),
)


def seed_renewals(report: SeedReport) -> None:
    """Cases for the leases ending soon, their letters, and the tenants' answers."""
    front_desk = get_user_model().objects.filter(username="frontdesk").first()
    if front_desk is None:
        return
    report.count("renewal cases", len(lease_expiry_sweep(today=timezone.localdate())))
    cases = RenewalCase.objects.filter(lease__building__code="A").order_by("term_end", "pk")
    for case, (intent, note) in zip(cases, ANSWERS, strict=False):
        if case.notice_id is None:
            renewal_letter_send(case_id=case.pk)
        if case.follow_ups.exists():
            continue
        if intent == RenewalCase.Intent.UNDECIDED:
            renewal_follow_up_add(case=case, note=note, by=front_desk)
        else:
            renewal_case_answer(case=case, intent=intent, note=note, by=front_desk)
