"""The database's own refusal to change history: triggers that stop UPDATE, DELETE and
TRUNCATE on the change log and the phase history, on PostgreSQL and SQLite.

Python's ``save``/``delete`` guards stop the application; these stop a queryset ``update()``,
a bulk ``delete()`` and hand-written SQL too. They are installed by migration and again after
every ``migrate`` (SQLite drops a table's triggers when a migration rebuilds the table).
Only ``flush`` (emptying the whole database) lifts them for its own duration.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

GUARDED_TABLES = ("audit_auditentry", "process_phasechange")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION woonafspraken_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$
"""


def _statements(vendor: str, table: str, install: bool) -> list[str]:
    if vendor == "postgresql":
        drop = [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        ]
        if not install:
            return drop
        return [
            *drop,
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION woonafspraken_append_only()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION woonafspraken_append_only()",
        ]
    if vendor == "sqlite":
        if not install:
            return [
                f"DROP TRIGGER IF EXISTS {table}_no_update",
                f"DROP TRIGGER IF EXISTS {table}_no_delete",
            ]
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}: {op} refused'); END"
            for op in ("UPDATE", "DELETE")
        ]
    return []


def _existing_tables(connection: BaseDatabaseWrapper) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def install(connection: BaseDatabaseWrapper) -> None:
    tables = [t for t in GUARDED_TABLES if t in _existing_tables(connection)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and tables:
            cursor.execute(_PG_FUNCTION)
        for table in tables:
            for sql in _statements(connection.vendor, table, install=True):
                cursor.execute(sql)


def remove(connection: BaseDatabaseWrapper) -> None:
    tables = [t for t in GUARDED_TABLES if t in _existing_tables(connection)]
    with connection.cursor() as cursor:
        for table in tables:
            for sql in _statements(connection.vendor, table, install=False):
                cursor.execute(sql)


def missing(connection: BaseDatabaseWrapper) -> list[str]:
    """Guarded tables that lack their triggers (for ``verify_audit``)."""
    tables = [t for t in GUARDED_TABLES if t in _existing_tables(connection)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE %s",
                ["%_append_only"],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                ["%_no_update"],
            )
        else:
            return []
        present = {row[0] for row in cursor.fetchall()}
    return [t for t in tables if t not in present]
