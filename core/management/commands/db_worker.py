"""``manage.py db_worker``: django-tasks-db's worker, made to survive dead workers and databases.

Same name on purpose: core comes before django_tasks_db in INSTALLED_APPS,
so this command replaces the library's one everywhere it is started (make
run, the container, the README) with the same options. It adds two things:

* on start and then periodically, tasks that a killed worker left RUNNING go
  back to the queue (``core.task_recovery``);
* when the database goes away, the library's worker stops with an error; this
  one waits (1, 2, 4 … 30 s) and carries on once the database is back, so
  nobody has to restart it. A task cut off that way is recovered like one
  whose worker was killed.
"""

import logging
import threading
import time

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)

from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

from core.task_recovery import requeue_abandoned, running_lease

logger = logging.getLogger("core.tasks")

LONGEST_DATABASE_PAUSE = 30.0


def _recover_forever(pause: float) -> None:
    while True:
        time.sleep(pause)
        try:
            requeue_abandoned()
        except DatabaseError as error:  # the database may be away; try again next round
            logger.warning("Could not look for abandoned tasks: %s", error)
        finally:
            close_old_connections()


class Command(LibraryWorkerCommand):
    help = (
        "Run a database background worker; it outlives database outages, and tasks left "
        "running by a dead worker are queued again after TASKS_RUNNING_LEASE_SECONDS."
    )

    def handle(self, *args, **options):
        if not options.get("batch"):
            # A long-running worker keeps looking, for workers that die while it runs.
            pause = max(1.0, min(60.0, running_lease().total_seconds() / 2))
            threading.Thread(
                target=_recover_forever, args=(pause,), name="task-recovery", daemon=True
            ).start()
        pause = 1.0
        while True:
            started = time.monotonic()
            try:
                requeue_abandoned()
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                if options.get("batch"):
                    raise
                if time.monotonic() - started > LONGEST_DATABASE_PAUSE:
                    pause = 1.0  # a new outage after a good while: start patiently again
                logger.warning("Database unavailable, worker waits %.0f s: %s", pause, error)
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_DATABASE_PAUSE)
