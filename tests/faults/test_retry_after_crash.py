"""A send waiting for its retry goes out at the next tick even while a killed worker's RQ
scheduler still holds its lock (a minute after death; a new worker asks again only ten minutes on)."""
from __future__ import annotations

from sqlalchemy import select

from dorpslijn.messages import Outgoing
from dorpslijn.redis_server import connect
from messaging.outbox import put_all
from orders.models import Village
from tests.support.outbox import outbox
from tests.support.people import TRUUS
from worker.queues import ALL
from worker.schedule import tick
from worker.sending import enqueue_send_later


def test_a_retry_due_while_a_dead_workers_scheduler_holds_its_lock_is_sent_at_the_next_tick(settings, demo, db, work):
    redis = connect(settings)
    [row] = put_all(db, db.scalar(select(Village)).id, [Outgoing("sms", TRUUS, "Uw bestelling is bevestigd.")])
    db.commit()
    enqueue_send_later(redis, row.id, seconds=0, attempt=1)
    for name in ALL:  # what a worker killed with SIGKILL leaves behind
        redis.set(f"rq:scheduler-lock:{name}", "a-dead-worker", ex=60)
    work()
    assert [r["status"] for r in outbox(settings, to=TRUUS)] == ["queued"], "no worker may run RQ's scheduler"
    tick(settings, redis)
    work()
    assert [r["status"] for r in outbox(settings, to=TRUUS)] == ["sent"]
