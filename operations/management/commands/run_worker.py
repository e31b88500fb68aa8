"""``manage.py run_worker``: django-tasks-db's worker, made to survive dead workers and databases.

It takes the library's ``db_worker`` options and adds two things the library
lacks, so start this one wherever a worker runs (make run, the container,
the README). It has its own name: when it was also called ``db_worker`` it
replaced the library's command only because of the order of INSTALLED_APPS,
and nothing showed which of the two ran.

* on start and then periodically, tasks that a killed worker left RUNNING go
  back to the queue (``operations.task_recovery``);
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

from operations.task_recovery import requeue_abandoned, running_lease

logger = logging.getLogger("operations.tasks")

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
