"""Who may call what. Every API route declares an access rule (a role set, any signed-in user, or public);
`check_access_rules` refuses to start an app with a route that has none, so access is denied by default."""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlmodel import col

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.tokens import Principal, decode_access_token
from dream_lms.core.deps import SessionDep, SettingsDep
from dream_lms.core.errors import Forbidden, Unauthorized

_ACCESS_RULE = "__dream_access_rule__"
PUBLIC = "public"
SIGNED_IN = "signed-in"

_bearer = HTTPBearer(auto_error=False, description="Access token from /api/v1/auth/login")


async def get_principal(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Unauthorized("Sign in to continue.", headers={"WWW-Authenticate": "Bearer"})
    principal = decode_access_token(credentials.credentials, settings)
    # A deactivated account loses access at once, not when its token expires.
    is_active = await session.scalar(select(col(User.is_active)).where(col(User.id) == principal.user_id))
    if not is_active:
        raise Unauthorized("This account is not active.", headers={"WWW-Authenticate": "Bearer"})
    return principal


setattr(get_principal, _ACCESS_RULE, SIGNED_IN)


def require_role(*roles: UserRole) -> Callable[..., Coroutine[Any, Any, Principal]]:
    allowed = frozenset(roles)

    async def role_guard(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if principal.role not in allowed:
            raise Forbidden("Your role cannot do this.")
        return principal

    setattr(role_guard, _ACCESS_RULE, tuple(sorted(r.value for r in allowed)))
    return role_guard


async def public() -> None:
    """Marks a route anyone may call."""


setattr(public, _ACCESS_RULE, PUBLIC)

CurrentUser = Annotated[Principal, Depends(get_principal)]
AdminUser = Annotated[Principal, Depends(require_role(UserRole.ADMIN))]
PublisherUser = Annotated[Principal, Depends(require_role(UserRole.PUBLISHER))]
TeacherUser = Annotated[Principal, Depends(require_role(UserRole.TEACHER))]
StudentUser = Annotated[Principal, Depends(require_role(UserRole.STUDENT))]
PublicRoute = Depends(public)


def _rules(dependant: Dependant) -> list[object]:
    found = []
    for sub in dependant.dependencies:
        rule = getattr(sub.call, _ACCESS_RULE, None)
        if rule is not None:
            found.append(rule)
        found.extend(_rules(sub))
    return found


def access_rule_of(route: APIRoute) -> object:
    """The most specific rule on a route: a role set beats 'signed-in' (role guards depend on it)."""
    rules = _rules(route.dependant)
    for rule in rules:
        if isinstance(rule, tuple):
            return rule
    return rules[0] if rules else None


def check_access_rules(app: FastAPI) -> None:
    missing = [
        f"{sorted(route.methods or ())} {route.path}"
        for route in app.routes
        if isinstance(route, APIRoute) and access_rule_of(route) is None
    ]
    if missing:
        raise RuntimeError(f"API routes without an access rule (deny by default): {', '.join(missing)}")
