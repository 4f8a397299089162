"""Who may do what with a ticket; views check the role, services check again against the ticket itself.

Front desk receives and owns tickets; engineering, security and the other departments work on the tickets
assigned to their department; management sees all tickets and the analysis.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from documents.actors import AnyUser
from tenancy.access import user_roles
from tenancy.roles import ALL_STAFF, Role
from tenancy.scope import scope

from .models import Department, DepartmentManager, Ticket

# Receive tickets, own them, hand them over, assign them, follow up and close.
RECEIVERS: tuple[str, ...] = (Role.FRONT_DESK, Role.MANAGEMENT)
# See every ticket and the analysis.
SUPERVISORS: tuple[str, ...] = (Role.MANAGEMENT,)
ANALYSTS: tuple[str, ...] = (Role.MANAGEMENT,)
# Visit tenants regularly (走访): the front desk and the business department, and management.
VISITORS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
# Open satisfaction surveys; the desks that visit tenants read the results too.
SURVEY_OPENERS: tuple[str, ...] = (Role.MANAGEMENT,)
SURVEY_READERS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
# Every staff role opens the ticket list; what it shows depends on the role.
TICKET_READERS: tuple[str, ...] = ALL_STAFF


def is_receiver(user: AnyUser) -> bool:
    return bool(user_roles(user) & set(RECEIVERS))


def is_visitor(user: AnyUser) -> bool:
    return bool(user_roles(user) & set(VISITORS))


def is_survey_opener(user: AnyUser) -> bool:
    return bool(user_roles(user) & set(SURVEY_OPENERS))


def is_supervisor(user: AnyUser) -> bool:
    return bool(user_roles(user) & set(SUPERVISORS))


def user_departments(user: AnyUser) -> set[str]:
    return user_roles(user) & set(Department.values)


def visible_q(user: AnyUser) -> Q | None:
    """The tickets a staff user may see: receivers all (None), others their departments' and their own."""
    if is_receiver(user):
        return None
    return Q(department__in=user_departments(user)) | Q(assignee=user.pk) | Q(owner=user.pk)


def visible_tickets(user: AnyUser, queryset: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """The tickets of the user's buildings that their role and department let them see."""
    query = visible_q(user)
    return scope(queryset if query is None else queryset.filter(query), user, "building")


def may_see(user: AnyUser, ticket: Ticket) -> bool:
    if is_receiver(user):
        return True
    return ticket.department in user_departments(user) or user.pk in (ticket.assignee_id, ticket.owner_id)


def may_work_on(user: AnyUser, ticket: Ticket) -> bool:
    """Move it forward, quote it, resolve it: its owner, its assignee, its department, or a supervisor."""
    if is_supervisor(user) or user.pk in (ticket.owner_id, ticket.assignee_id):
        return True
    return bool(ticket.department) and ticket.department in user_departments(user)


def may_direct(user: AnyUser, ticket: Ticket) -> bool:
    """Assign, close, reopen: its owner (any receiver while it has none) or a supervisor."""
    if is_supervisor(user) or (ticket.owner_id is not None and user.pk == ticket.owner_id):
        return True
    return ticket.owner_id is None and is_receiver(user)


def users_with_role(role: str) -> QuerySet[Any]:
    """Active staff users in a role's group, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=role)
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


def department_manager(department: str) -> Any | None:
    """The department's configured manager, else the first active member of management."""
    configured = (
        DepartmentManager.objects.filter(department=department, manager__is_active=True)
        .select_related("manager")
        .first()
    )
    if configured is not None:
        return configured.manager
    return users_with_role(Role.MANAGEMENT).order_by("pk").first()


def owner_manager(ticket: Ticket) -> Any | None:
    """The manager of the ticket owner's department (the front desk's, or management's for a manager)."""
    roles = user_roles(ticket.owner) if ticket.owner_id else frozenset()
    department = Role.MANAGEMENT if roles and Role.FRONT_DESK not in roles else Role.FRONT_DESK
    return department_manager(department)
