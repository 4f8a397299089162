"""The order of things across the house in one place: every gate a lower app declares, and the checks the
higher apps register for it at start-up. A new gate or check must be added here, so it is read and agreed."""

from documents.gates import GATES, Gate
from handover.gates import KEYS_HANDED_OVER

# gate name → the checks registered for it, as "module.function", in the order they run.
EXPECTED: dict[str, list[str]] = {
    # The key sheet of a move-in is signed (handover) only when billing agrees: deposit and first bill paid.
    "keys_handed_over": ["billing.selectors.move_in_charges_unpaid"],
    # The freight lift is booked for a move (handover) only while billing has not suspended the service.
    "relocation_booked": ["billing.suspension.relocation_refusals"],
    # A tenant asks for the freight lift in the portal only while billing has not suspended the service.
    "freight_lift_requested": ["billing.suspension.freight_lift_refusals"],
}


def _named(gate: Gate) -> list[str]:
    return [f"{check.__module__}.{check.__qualname__}" for check in gate.checks]


def test_every_gate_and_its_registered_checks():
    # given: every app's ready() has run (Django is set up)
    # when
    registered = {name: _named(gate) for name, gate in GATES.items()}
    # then
    assert registered == EXPECTED


def test_keys_handed_over_is_the_handover_gate_and_says_what_it_is():
    assert GATES["keys_handed_over"] is KEYS_HANDED_OVER
    assert str(KEYS_HANDED_OVER.label) in ("Keys handed over", "钥匙已移交")


def test_a_gate_registers_a_check_once_and_joins_the_refusals_in_order():
    # given
    gate = Gate("test_only_gate", "Test")
    try:
        gate.register(lambda **facts: ["first"])
        second = gate.register(lambda **facts: [] if facts["ok"] else ["second"])
        gate.register(second)
        # when / then
        assert len(gate.checks) == 2
        assert gate.refusals(ok=False) == ["first", "second"]
        assert gate.refusals(ok=True) == ["first"]
    finally:
        del GATES["test_only_gate"]
