"""Django's PostgreSQL backend, with a health check that costs no round trip, and a cursor
whose statements are planned once per connection.

CONN_HEALTH_CHECKS makes Django check a kept connection before the first query of each request,
so a database restart costs no request a 5xx: its check is a `SELECT 1`, one more round trip to
the server on every request (about a millisecond on this machine, a third of a signed-in page).
A server that ends a connection says so first: a restart (`pg_ctl stop -m fast`), a terminated
backend and an idle timeout each leave their goodbye and the end of the stream waiting on the
socket. So this check only asks the socket, without waiting, whether anything is there to read:
a connection kept between requests has nothing to read while the server still holds it. Anything
there, or a connection psycopg already knows is broken, is closed, and the request connects
afresh. A connection cut without a word (a network partition) still fails its first query, as
with no check at all; Django then closes it at the end of that request (`errors_occurred`).

PostgreSQL plans every statement it is sent, and planning the site's fixed statements (the
session, a moderator's standing, the queue's page) took 0.5 to 3 ms each on this machine, more
than running them. A statement run through `prepared_cursor()` is prepared on the connection,
which CONN_MAX_AGE keeps between requests: after its first five runs PostgreSQL keeps one
generic plan when that costs no more than planning for each value, else goes on planning per
value as before. kindness.statements writes the code's own constants (a status, a bound) into
such statements, so the generic plan knows them: with `status = $1` it could not use a partial
index for 'pending' stories. A transaction-mode pooler in front of the database would need to
support prepared statements (PgBouncer 1.21's max_prepared_statements).
"""

import select
import sys

from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg import errors
from psycopg.pq import Format
from psycopg.types.numeric import Int8Dumper

# psycopg prepares nothing unless asked (Django leaves prepare_threshold at None, for poolers that
# hand one session's statements to another); `prepared_cursor()` asks, statement by statement.
_ASKED_ONLY = sys.maxsize


class PreparingCursor(base.ServerBindingCursor):
    """Binds values on the server and prepares every statement it runs."""

    def __init__(self, connection, **kwargs):
        super().__init__(connection, **kwargs)
        # psycopg sends a whole number as int2, int4 or int8 by its size, and each mix of types
        # is a statement prepared apart: one type, so a statement is prepared once.
        self.adapters.register_dumper(int, Int8Dumper)

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=prepare is not False, binary=binary)


_PREPARED = "\x00prepared"


class DatabaseOperations(base.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        # As for the other queries, the SQL with its values written in (assertNumQueries,
        # debug logs, tests that EXPLAIN a captured query), not Django's "QUERY = ... PARAMS".
        if isinstance(cursor, PreparingCursor):
            try:
                return self.compose_sql(sql, params)
            except errors.DataError:
                pass
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if connection.prepare_threshold is None:
            connection.prepare_threshold = _ASKED_ONLY
        return connection

    def prepared_cursor(self):
        """A cursor (wrapped as Django's are: logged, counted, errors translated) whose
        statements PostgreSQL prepares once per connection."""
        return self._cursor(_PREPARED)

    def create_cursor(self, name=None):
        if name != _PREPARED:
            return super().create_cursor(name)
        cursor = PreparingCursor(self.connection)
        # As Django's create_cursor: moments in the connection's time zone.
        loader = self.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, Format.TEXT)
        if self.timezone != loader.timezone:
            register_tzloader(self.timezone, cursor)
        return cursor

    def close_if_health_check_failed(self) -> None:
        if (
            self.pool
            or self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
        ):
            return
        if not self.server_still_holds_it():
            self.close()
        self.health_check_done = True

    def server_still_holds_it(self) -> bool:
        """True when the kept connection is open and the server has sent nothing unasked."""
        if self.connection.closed or self.connection.broken:
            return False
        poll = select.poll()
        poll.register(self.connection.fileno(), select.POLLIN)
        return not poll.poll(0)
