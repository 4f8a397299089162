"""The moments of a handover that higher apps have a say in (see ``documents.gates``)."""

from django.utils.translation import gettext_lazy as _

from documents.gates import Gate

# The key sheet of a move-in is signed: billing requires the deposit and the first bill paid.
KEYS_HANDED_OVER = Gate("keys_handed_over", _("Keys handed over"))

# The freight lift is booked for a move (《客户搬迁登记表》): billing refuses it while service is suspended.
RELOCATION_BOOKED = Gate("relocation_booked", _("Relocation booked"))

# A tenant asks for the freight lift in the portal (货梯预约): billing refuses it while service is suspended.
FREIGHT_LIFT_REQUESTED = Gate("freight_lift_requested", _("Freight lift requested"))
