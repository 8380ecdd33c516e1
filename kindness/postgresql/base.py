"""Django's PostgreSQL backend, with a health check that costs no round trip.

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
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
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
