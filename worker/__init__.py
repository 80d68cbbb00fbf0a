"""Background work on RQ: queues, jobs and the schedule."""
