"""Tasks a dead worker left "running" go back to the queue.

django-tasks-db marks a task RUNNING when a worker claims it and never looks
at it again: if that worker is killed (SIGKILL, OOM, a lost machine), the
task stays RUNNING for ever and its work is silently lost. Our worker
(``manage.py run_worker``, see operations/management/commands/run_worker.py) hands
such tasks back: a task RUNNING for longer than ``TASKS_RUNNING_LEASE_SECONDS``
is READY again, so another worker runs it.

That is safe because our tasks are idempotent: mail goes through the outbox,
whose keys stop a second copy and whose claims stop a second send; search
index updates and digests may simply run again. The lease must be longer
than any task takes (they take seconds; the default is 15 minutes), or a
slow task could run twice at the same time.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("operations.tasks")


def running_lease() -> timedelta:
    """How long a task may stay RUNNING before its worker is presumed dead."""
    return timedelta(seconds=getattr(settings, "TASKS_RUNNING_LEASE_SECONDS", 15 * 60))


def requeue_abandoned(now=None) -> int:
    """Put tasks whose worker vanished back into the queue; returns how many."""
    now = now or timezone.now()
    abandoned = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - running_lease()
    )
    names = list(abandoned.values_list("id", "task_path")[:50])
    # Conditional on the status, so a task that finished meanwhile stays finished.
    count = abandoned.update(status=TaskResultStatus.READY)
    for task_id, path in names:
        logger.warning(
            "Task %s (%s) was left running by a dead worker; queued again", task_id, path
        )
    return count
