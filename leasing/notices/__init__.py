"""Building notices: staff publish them (``services``), staff read who has seen them (``views``), tenants see
them on the portal home (``portal_home``)."""
