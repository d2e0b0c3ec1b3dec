"""Migrations: empty to head on both backends, no drift from the models, refusal of foreign schemas."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.db.engine import Database
from app.db.migrate import SchemaState, ensure_schema, head_revision, schema_status, upgrade
from app.db.models import Base
from app.errors import SchemaMismatchError
from tests.conftest import BACKENDS


@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_database_is_migrated_to_head_without_drift(backend, fresh_database_url):
    db = Database(fresh_database_url(backend))
    assert schema_status(db).state is SchemaState.EMPTY
    status = ensure_schema(db)
    assert status.state is SchemaState.CURRENT and status.current == head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_unknown_schema_version_is_refused_and_left_untouched(backend, fresh_database_url):
    db = Database(fresh_database_url(backend))
    ensure_schema(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(SchemaMismatchError) as info:
        ensure_schema(db)
    assert "9999_from_the_future" in info.value.message
    with pytest.raises(SchemaMismatchError):
        upgrade(db)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "9999_from_the_future"
    db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_database_with_foreign_tables_is_refused(backend, fresh_database_url):
    db = Database(fresh_database_url(backend))
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE payroll (id INTEGER PRIMARY KEY)")
    with pytest.raises(SchemaMismatchError):
        ensure_schema(db)
    assert sa.inspect(db.engine).get_table_names() == ["payroll"]
    db.dispose()


def test_two_clients_starting_at_once_on_new_postgresql_migrate_once(fresh_database_url):
    url = fresh_database_url("postgresql")
    results, errors = [], []
    barrier = threading.Barrier(4)

    def start():
        client = Database(url)
        try:
            barrier.wait()
            results.append(ensure_schema(client).state)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            client.dispose()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert results == [SchemaState.CURRENT] * 4
    db = Database(url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
    db.dispose()
