"""Running one service call as one unit of work on behalf of the signed-in actor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.db.engine import Database
from app.services.context import Actor, bind_actor

T = TypeVar("T")


def call(db: Database, actor: Actor, fn: Callable[..., T], *args, **kwargs) -> T:
    """Open a session, bind the actor (for the audit trail), run `fn(session, actor, ...)`, commit."""
    with db.session() as session:
        bind_actor(session, actor)
        return fn(session, actor, *args, **kwargs)
