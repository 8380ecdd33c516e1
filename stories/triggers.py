"""The PostgreSQL form of a row trigger, shared by the content version and the kept counts."""


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
