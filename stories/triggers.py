"""Row triggers in SQLite's and PostgreSQL's forms, shared by the content version and the kept
counts (stories.tallies, pledges.tallies).

A trigger is (name, event, table, condition, body statements): after `event` on `table`, for
each row meeting `condition`, run the statements."""


def postgresql_trigger(name: str, *, event: str, table: str, condition: str, body: str) -> list:
    """Create or replace a trigger that runs `body` after `event` on each row meeting
    `condition`. PostgreSQL forbids subqueries in a trigger's WHEN, so the condition runs in the
    trigger's function."""
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF {condition} THEN {body}; END IF; RETURN NULL; END $$",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


def create_row_triggers(triggers: list[tuple], vendor: str) -> list[str]:
    statements = []
    for name, event, table, condition, body in triggers:
        if vendor == "sqlite":
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} WHEN {condition} "
                f"BEGIN {'; '.join(body)}; END",
            ]
        elif vendor == "postgresql":
            statements += postgresql_trigger(
                name, event=event, table=table, condition=condition, body="; ".join(body)
            )
    return statements


def drop_row_triggers(triggers: list[tuple], vendor: str) -> list[str]:
    statements = []
    for name, _, table, _, _ in triggers:
        if vendor == "sqlite":
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
        elif vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"DROP FUNCTION IF EXISTS {name}()",
            ]
    return statements
