"""User administration and sign-in, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from app.db.models import AuditEntry, User
from app.domain import permissions
from app.domain.vocabulary import AuditOperation, Role
from app.errors import AuthenticationError, NotFoundError, PermissionDeniedError, ValidationError
from app.services import reference as ref
from app.services import users
from app.services.auth import Authenticator, LocalAuthenticator, authenticator_for
from app.services.context import SYSTEM, bind_actor
from app.services.passwords import verify_password

PASSWORD = "correct horse battery"


def add_user(world, username="kim", role=Role.EDITOR, organisation="Polisen", password=PASSWORD, actor=None):
    """As the police's administrator: administrators keep their own organisation's accounts."""
    with world.db.session() as s:
        actor = actor or world.police_admin
        bind_actor(s, actor)
        return users.create_user(s, actor, username, "Kim Karlsson", organisation, role, password)


def stored_user(db, username) -> User:
    from sqlalchemy.orm import undefer

    with db.session() as s:  # the hash is a deferred column: load it while the session is open
        return s.scalars(sa.select(User).where(User.username == username).options(undefer(User.password_hash))).one()


# --- administration --------------------------------------------------------------------------------


def test_created_user_is_listed_and_its_password_stored_as_argon2id(world):
    row = add_user(world, username="Kim.K")
    assert (row.username, row.role, row.organisation_short_name, row.active) == ("kim.k", Role.EDITOR, "Polisen", True)
    with world.db.session() as s:
        listed = {r.username: r for r in users.list_users(s)}
    assert listed["kim.k"] == row
    stored = stored_user(world.db, "kim.k")
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert verify_password(stored.password_hash, PASSWORD)


def test_audit_trail_records_who_created_the_user_but_not_the_hash(world):
    row = add_user(world)
    with world.db.session() as s:
        entry = s.scalars(
            sa.select(AuditEntry).where(AuditEntry.table_name == "app_user", AuditEntry.row_id == row.id)
        ).one()
    assert entry.username == "police_admin"
    assert "password_hash" not in entry.new_values
    assert entry.new_values["username"] == "kim"


def test_organisation_may_be_given_by_id_or_short_name_in_any_case(world):
    by_id = add_user(world, username="one", organisation=world.raddning.id, actor=SYSTEM)  # the command line
    by_name = add_user(world, username="two", organisation="polisen")
    assert by_id.organisation_id == world.raddning.id
    assert by_name.organisation_id == world.polisen.id


def test_invalid_input_reports_every_field(world):
    with world.db.session() as s, pytest.raises(ValidationError) as info:
        users.create_user(s, world.admin, "Not valid!", "  ", "Brandkåren", "boss", "short")
    assert set(info.value.errors) == {"username", "display_name", "organisation", "role", "password"}
    with world.db.session() as s:
        assert {r.username for r in users.list_users(s)} == {"admin", "editor", "reader", "police", "police_admin"}


@pytest.mark.parametrize("username", ["a", "x" * 65, "anna andersson", "åsa", "anna@kommun"])
def test_username_pattern(world, username):
    with pytest.raises(ValidationError) as info:
        add_user(world, username=username)
    assert set(info.value.errors) == {"username"}


def test_duplicate_username_is_refused_whatever_the_case(world):
    add_user(world, username="kim")
    with pytest.raises(ValidationError) as info:
        add_user(world, username="KIM")
    assert set(info.value.errors) == {"username"}


@pytest.mark.parametrize("actor_name", ["editor", "reader", "police"])
def test_only_administrators_create_users(world, actor_name):
    with pytest.raises(PermissionDeniedError):
        add_user(world, actor=getattr(world, actor_name))


def test_disable_and_enable(world):
    add_user(world)
    with world.db.session() as s:
        assert users.disable_user(s, world.police_admin, "kim").active is False
    with world.db.session() as s:
        assert users.enable_user(s, world.police_admin, "kim").active is True


def test_administrator_cannot_disable_or_demote_themselves(world):
    with world.db.session() as s:
        with pytest.raises(PermissionDeniedError):
            users.disable_user(s, world.admin, world.admin.user_id)
        with pytest.raises(PermissionDeniedError):
            users.set_role(s, world.admin, "admin", Role.READER)


def test_set_role(world):
    add_user(world)
    with world.db.session() as s:
        assert users.set_role(s, world.police_admin, "kim", "admin").role is Role.ADMIN
    with world.db.session() as s, pytest.raises(ValidationError):
        users.set_role(s, world.police_admin, "kim", "owner")
    with world.db.session() as s, pytest.raises(PermissionDeniedError):
        users.set_role(s, world.editor, "kim", Role.READER)


def test_set_password_by_admin_or_by_the_user_themselves(world):
    add_user(world)
    with world.db.session() as s:
        users.set_password(s, world.police_admin, "kim", "a brand new secret")
    assert verify_password(stored_user(world.db, "kim").password_hash, "a brand new secret")
    with world.db.session() as s:
        users.set_password(s, world.editor, "editor", "my own new secret")
    with world.db.session() as s, pytest.raises(PermissionDeniedError):
        users.set_password(s, world.editor, "kim", "not mine to change")
    with world.db.session() as s, pytest.raises(ValidationError):
        users.set_password(s, world.police_admin, "kim", "short")


def test_unknown_user_is_not_found(world):
    with world.db.session() as s, pytest.raises(NotFoundError):
        users.disable_user(s, world.admin, "nobody")


def test_list_organisations(world):
    with world.db.session() as s:
        shorts = {o.short_name for o in ref.list_organisations(s, world.admin, include_inactive=False)}
    assert shorts == {"Kommunen", "Polisen", "Räddningstjänsten"}


# --- sign-in ---------------------------------------------------------------------------------------


def test_sign_in_with_the_right_password_returns_the_actor(world):
    row = add_user(world, username="kim", role=Role.EDITOR, organisation="Polisen")
    actor = LocalAuthenticator(world.db).authenticate("Kim", PASSWORD)
    assert (actor.user_id, actor.username, actor.role, actor.organisation_id) == (
        row.id,
        "kim",
        Role.EDITOR,
        world.polisen.id,
    )
    assert actor.display_name == "Kim Karlsson"
    stored = stored_user(world.db, "kim")
    assert stored.last_login_at is not None
    # Signing in must not look like an edit to someone who has the user open.
    assert stored.version == row.version


def test_wrong_password_and_unknown_user_fail_alike(world):
    add_user(world)
    auth = LocalAuthenticator(world.db)
    with pytest.raises(AuthenticationError) as wrong:
        auth.authenticate("kim", "not the password")
    with pytest.raises(AuthenticationError) as unknown:
        auth.authenticate("nobody", "not the password")
    assert wrong.value.message == unknown.value.message
    assert stored_user(world.db, "kim").last_login_at is None


def test_disabled_user_is_refused_with_the_same_message(world):
    add_user(world)
    auth = LocalAuthenticator(world.db)
    with pytest.raises(AuthenticationError) as unknown:
        auth.authenticate("nobody", PASSWORD)
    with world.db.session() as s:
        users.disable_user(s, world.police_admin, "kim")
    with pytest.raises(AuthenticationError) as disabled:
        auth.authenticate("kim", PASSWORD)
    assert disabled.value.message == unknown.value.message


def test_user_without_a_password_cannot_sign_in(world):
    with pytest.raises(AuthenticationError):
        LocalAuthenticator(world.db).authenticate("admin", "")


def test_old_hash_parameters_are_upgraded_at_sign_in(world):
    add_user(world)
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with world.db.session() as s:
        s.execute(sa.update(User).where(User.username == "kim").values(password_hash=weak))
    LocalAuthenticator(world.db).authenticate("kim", PASSWORD)
    upgraded = stored_user(world.db, "kim").password_hash
    assert upgraded != weak and verify_password(upgraded, PASSWORD)


def test_authenticator_for_gives_the_one_interface(world):
    auth = authenticator_for(world.db)
    assert isinstance(auth, Authenticator)
    add_user(world)
    assert auth.authenticate("kim", PASSWORD).username == "kim"


# --- sign-in throttling ----------------------------------------------------------------------------


def _at(seconds: float):
    import datetime as dt

    return dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)


def test_failed_sign_ins_slow_down_then_lock_and_say_so_without_revealing_the_user(world):
    from app.domain.policy import LOCK_AFTER
    from app.services.auth import SignInThrottledError

    add_user(world)
    auth = LocalAuthenticator(world.db)
    for name in ("kim", "nobody-at-all"):  # an existing and a missing account behave the same
        clock = 0.0
        for _attempt in range(3):  # three free attempts, no waiting
            with pytest.raises(AuthenticationError) as info:
                auth.authenticate(name, "wrong password", now=_at(clock))
            assert not isinstance(info.value, SignInThrottledError)
        with pytest.raises(SignInThrottledError) as info:
            auth.authenticate(name, PASSWORD, now=_at(clock + 1))  # too soon, even with the right password
        assert info.value.retry_after == 1 and "Vänta 1 s" in info.value.message and not info.value.locked
        clock += 2
        with pytest.raises(AuthenticationError) as info:
            auth.authenticate(name, "wrong password", now=_at(clock))  # heard after the wait: 4 failures
        assert not isinstance(info.value, SignInThrottledError)
        with pytest.raises(SignInThrottledError) as info:
            auth.authenticate(name, PASSWORD, now=_at(clock + 1))  # now the wait has doubled to 4 s
        assert info.value.retry_after == 3
        failures = 4
        while failures < LOCK_AFTER:  # waiting out each delay, the guessing goes on until the lock
            clock += 30
            with pytest.raises(AuthenticationError) as info:
                auth.authenticate(name, "wrong password", now=_at(clock))
            assert not isinstance(info.value, SignInThrottledError)
            failures += 1
        with pytest.raises(SignInThrottledError) as info:
            auth.authenticate(name, PASSWORD, now=_at(clock + 60))
        assert "minuter" in info.value.message

    # After the lock has run out the right password works, and success starts the count afresh.
    actor = auth.authenticate("kim", PASSWORD, now=_at(clock + 16 * 60))
    assert actor.username == "kim"
    with pytest.raises(AuthenticationError) as info:
        auth.authenticate("kim", "wrong password", now=_at(clock + 16 * 60 + 1))
    assert not isinstance(info.value, SignInThrottledError)


def test_the_count_lives_in_the_database_so_every_desk_sees_it(world):
    from app.services.auth import SignInThrottledError

    add_user(world)
    for _attempt in range(4):
        with pytest.raises(AuthenticationError):
            LocalAuthenticator(world.db).authenticate("kim", "wrong password", now=_at(0))
    other_desk = LocalAuthenticator(world.db)  # a new client: nothing remembered in memory
    with pytest.raises(SignInThrottledError):
        other_desk.authenticate("kim", PASSWORD, now=_at(1))


def test_an_administrator_lifts_the_lock_by_enabling_or_setting_a_password(world):
    from app.services.auth import SignInThrottledError

    add_user(world)
    for _attempt in range(12):
        with pytest.raises(AuthenticationError):
            LocalAuthenticator(world.db).authenticate("kim", "wrong password")
    with pytest.raises(SignInThrottledError):
        LocalAuthenticator(world.db).authenticate("kim", PASSWORD)
    with world.db.session() as s:
        bind_actor(s, world.police_admin)
        users.enable_user(s, world.police_admin, "kim")
    assert LocalAuthenticator(world.db).authenticate("kim", PASSWORD).username == "kim"


def test_a_new_password_is_in_the_audit_trail_without_the_hash(world):
    row = add_user(world)
    with world.db.session() as s:
        bind_actor(s, world.police_admin)
        users.set_password(s, world.police_admin, "kim", "a brand new secret")
    with world.db.session() as s:
        entry = s.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.table_name == "app_user",
                AuditEntry.row_id == row.id,
                AuditEntry.operation == AuditOperation.UPDATE,
            )
        ).one()
    assert (entry.username, entry.old_values, entry.new_values) == (
        "police_admin",
        {"password": "********"},
        {"password": "********"},
    )


def test_the_user_list_shows_a_lock_and_an_administrator_lifts_it(world):
    from app.db.models import utcnow
    from app.services.auth import SignInThrottledError
    from tests.conftest import lock_out

    add_user(world)
    auth = LocalAuthenticator(world.db)
    lock_out(world.db, "kim")
    with world.db.session() as s:
        kim = next(u for u in users.list_accounts(s, world.police_admin) if u.username == "kim")
        others = [u.locked_until for u in users.list_accounts(s, world.police_admin) if u.username != "kim"]
    assert kim.locked_until is not None and kim.locked_until > utcnow() and others == [None] * len(others)
    with pytest.raises(SignInThrottledError):
        auth.authenticate("kim", PASSWORD)
    with world.db.session() as s, pytest.raises(PermissionDeniedError):
        users.lift_lock(s, world.editor, "kim")
    with world.db.session() as s:
        bind_actor(s, world.police_admin)
        assert users.lift_lock(s, world.police_admin, "kim").locked_until is None
    assert auth.authenticate("kim", PASSWORD).username == "kim"


def test_everyone_changes_their_own_password_by_giving_the_current_one(world):
    from app.domain.policy import FREE_ATTEMPTS
    from app.services.auth import SignInThrottledError

    add_user(world)
    kim = LocalAuthenticator(world.db).authenticate("kim", PASSWORD)
    auth = LocalAuthenticator(world.db)
    with world.db.session() as s, pytest.raises(ValidationError) as info:
        users.change_own_password(s, kim, auth, PASSWORD, "short")  # checked first: costs no attempt
    assert "password" in info.value.errors
    for _attempt in range(FREE_ATTEMPTS):
        with world.db.session() as s, pytest.raises(ValidationError) as info:
            users.change_own_password(s, kim, auth, "not my password", "kims nya losenord")
        assert list(info.value.errors) == ["current"]
    with world.db.session() as s, pytest.raises(SignInThrottledError):  # guessing is counted as at sign-in
        users.change_own_password(s, kim, auth, PASSWORD, "kims nya losenord")
    with world.db.session() as s:
        bind_actor(s, world.police_admin)
        users.lift_lock(s, world.police_admin, "kim")
    with world.db.session() as s:
        bind_actor(s, kim)
        users.change_own_password(s, kim, auth, PASSWORD, "kims nya losenord")
    assert auth.authenticate("kim", "kims nya losenord").username == "kim"
    with pytest.raises(AuthenticationError):
        auth.authenticate("kim", PASSWORD)


def test_administrators_keep_only_their_own_organisations_accounts_and_only_the_command_line_moves_them(world):
    """The same rule the database holds over personal logins (tests/test_pg_attacks.py), on both backends."""
    add_user(world, username="kim")  # a police account, made by the police's administrator
    with world.db.session() as s:
        bind_actor(s, world.admin)
        for change in (
            lambda: users.create_user(s, world.admin, "ny.polis", "Ny Polis", "Polisen", Role.ADMIN, PASSWORD),
            lambda: users.set_role(s, world.admin, "kim", Role.ADMIN),
            lambda: users.set_password(s, world.admin, "kim", "a brand new secret"),
            lambda: users.disable_user(s, world.admin, "kim"),
            lambda: users.lift_lock(s, world.admin, "kim"),
            lambda: users.move_user(s, world.admin, "reader", "Polisen"),
            lambda: users.move_user(s, world.police_admin, "kim", "Kommunen"),
        ):
            with pytest.raises(PermissionDeniedError):
                change()
        assert permissions.manages_accounts(world.admin, world.kommun.id) and not permissions.manages_accounts(
            world.admin, world.polisen.id
        )
        assert not permissions.manages_accounts(world.editor, world.kommun.id) and permissions.manages_accounts(
            SYSTEM, world.polisen.id
        )
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        moved = users.move_user(s, SYSTEM, "kim", "kommunen")
    assert moved.organisation_short_name == "Kommunen"
    with world.db.session() as s:
        entry = s.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.table_name == "app_user", AuditEntry.row_id == moved.id)
            .order_by(AuditEntry.id.desc())
        ).first()
    assert (entry.old_values, entry.new_values) == (
        {"organisation_id": world.polisen.id},
        {"organisation_id": world.kommun.id},
    )
