"""`POST /twilio/messages`: only Twilio gets in, and every message is stored once and queued."""
import pytest
from sqlalchemy import func, select

from dorpslijn.db import engine_for, session_scope
from dorpslijn.redis_server import connect
from messaging.models import InboundMessage
from tests.support.people import TRUUS, VILLAGE_PHONE
from tests.support.webhooks import signed_post
from worker.jobs import announced


def stored(db):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(InboundMessage))


def form(body="2 krentenbollen", sid="SM0001", sender=TRUUS, to=VILLAGE_PHONE):
    return {"MessageSid": sid, "From": sender, "To": to, "Body": body, "NumMedia": "0"}


def test_a_signed_message_is_stored_queued_and_answered_with_empty_twiml(client, settings, db, demo):
    response = signed_post(client, settings, "/twilio/messages", form())
    assert response.status_code == 200
    assert response.mimetype == "text/xml" and b"<Response/>" in response.data
    assert stored(db) == 1
    assert len(announced(connect(settings))) == 1


def test_a_forged_signature_gets_403_and_nothing_is_stored(client, settings, db, demo):
    response = signed_post(client, settings, "/twilio/messages", form(), signature="forged")
    assert response.status_code == 403
    unsigned = client.post("/twilio/messages", data=form())
    assert unsigned.status_code == 403
    assert stored(db) == 0 and len(announced(connect(settings))) == 0


def test_a_signature_over_another_url_is_refused(client, settings, db, demo):
    from twilio.request_validator import RequestValidator
    signature = RequestValidator(settings.twilio_auth_token).compute_signature(
        "https://evil.example/twilio/messages", form())
    assert signed_post(client, settings, "/twilio/messages", form(), signature=signature).status_code == 403
    assert stored(db) == 0


def test_only_a_post_of_a_twilio_sized_form_is_taken(client, settings, db, demo):
    assert client.get("/twilio/messages").status_code == 405
    huge = form(body="x" * (2 << 20))
    assert signed_post(client, settings, "/twilio/messages", huge).status_code == 413
    assert stored(db) == 0


def test_the_same_message_sid_twice_is_handled_once(client, settings, db, demo):
    first = signed_post(client, settings, "/twilio/messages", form(sid="SMtwice"))
    second = signed_post(client, settings, "/twilio/messages", form(sid="SMtwice"))
    assert first.status_code == 200 and second.status_code == 200
    assert stored(db) == 1 and len(announced(connect(settings))) == 1


def test_a_message_is_stored_after_the_database_server_dropped_every_connection(client, settings, demo,
                                                                                server_restart):
    assert signed_post(client, settings, "/twilio/messages", form(sid="SMbefore")).status_code == 200
    server_restart()
    assert signed_post(client, settings, "/twilio/messages", form(sid="SMafter")).status_code == 200
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(InboundMessage)) == 2


def test_a_message_the_database_cannot_take_gets_500_so_that_twilio_delivers_it_again(client, settings, db, demo):
    engine = engine_for(settings.database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE inbound_messages RENAME TO inbound_messages_away")
    try:
        assert signed_post(client, settings, "/twilio/messages", form(sid="SMlater")).status_code == 500
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE inbound_messages_away RENAME TO inbound_messages")
    assert signed_post(client, settings, "/twilio/messages", form(sid="SMlater")).status_code == 200
    assert stored(db) == 1


def test_an_unknown_to_number_gets_200_and_nothing_is_done(client, settings, db, demo, caplog):
    response = signed_post(client, settings, "/twilio/messages", form(to="+31201234567"))
    assert response.status_code == 200
    assert stored(db) == 0
    assert "ignored a message" in caplog.text


def test_whatsapp_messages_come_through_the_same_route(client, settings, db, demo):
    whatsapp = form(sender="whatsapp:" + TRUUS, to="whatsapp:" + VILLAGE_PHONE, sid="SMwa1")
    assert signed_post(client, settings, "/twilio/messages", whatsapp).status_code == 200
    message = db.scalar(select(InboundMessage))
    assert message.channel == "whatsapp" and message.sender == TRUUS


def test_healthz_answers_when_database_and_redis_do(client, demo):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["database"] and response.json["redis"]


def test_healthz_is_503_when_redis_is_gone(app, client):
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry
    app.extensions["dorpslijn.redis"] = redis.Redis(host="127.0.0.1", port=1, retry=Retry(NoBackoff(), 0))
    assert client.get("/healthz").status_code == 503


def test_a_message_stored_while_redis_was_down_is_queued_by_the_sweep(app, client, settings, db, demo, work):
    from dataclasses import replace

    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    from tests.support.outbox import outbox
    from worker.schedule import tick
    working_redis = app.extensions["dorpslijn.redis"]
    app.extensions["dorpslijn.redis"] = redis.Redis(host="127.0.0.1", port=1, retry=Retry(NoBackoff(), 0))
    assert signed_post(client, settings, "/twilio/messages", form()).status_code == 200
    assert stored(db) == 1 and len(announced(working_redis)) == 0
    tick(replace(settings, sweep_seconds=0), working_redis)  # the sweep finds it lost at once
    work()
    assert "Krentenbol" in outbox(settings, to=TRUUS)[0]["body"]


def test_a_burst_of_webhooks_at_once_stores_and_queues_each_message_once(app, settings, db, demo):
    from concurrent.futures import ThreadPoolExecutor
    sids = [f"SMburst{n % 30:02d}" for n in range(40)]  # ten of them delivered twice

    def deliver(sid):
        return signed_post(app.test_client(), settings, "/twilio/messages", form(sid=sid)).status_code
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(deliver, sids))
    assert answers == [200] * 40
    assert stored(db) == 30
    assert sorted(announced(connect(settings))) == sorted(db.scalars(select(InboundMessage.id)))


MESSAGE = dict(channel="sms", sender=TRUUS, recipient=VILLAGE_PHONE, body="melk", media=[], extra={})


def deliver(settings, village_id, sid):
    """A message handed straight to the store, as a webhook does after its checks."""
    from messaging.inbox import store_and_queue
    return store_and_queue(settings.database_url, connect(settings), village_id=village_id, provider_id=sid, **MESSAGE)


def delivered_in_one_batch(settings, deliveries):
    """The webhooks' answers (futures) when they all wait while a write is under way, then
    the first of them leads: they are stored in one batch. Each must be answered within ten
    seconds; a webhook left waiting fails the test instead of hanging it (daemon threads)."""
    import time

    from messaging import inbox
    group = inbox._GROUP_COMMIT
    group.writing = True
    try:
        answers = [in_a_thread(deliver, settings, village_id, sid) for village_id, sid in deliveries]
        while len(group.waiting) < len(deliveries):
            time.sleep(0.01)
    finally:
        group._hand_over()  # the write is done: the first waiting leads
    for answer in answers:
        answer.exception(timeout=10)
    return answers


def in_a_thread(function, *args):
    import threading
    from concurrent.futures import Future
    answer = Future()

    def run():
        try:
            answer.set_result(function(*args))
        except Exception as exc:
            answer.set_exception(exc)
    threading.Thread(target=run, daemon=True).start()
    return answer


def the_village(db):
    from orders.models import Village
    return db.scalar(select(Village.id))


def test_a_message_the_database_refuses_fails_alone_and_the_next_one_is_stored(settings, db, demo):
    from sqlalchemy.exc import IntegrityError
    with pytest.raises(IntegrityError):
        deliver(settings, 404, "SMnowhere")
    assert deliver(settings, the_village(db), "SMfine")
    assert stored(db) == 1


def test_a_row_the_database_refuses_in_a_batch_fails_alone_and_the_others_are_stored(settings, db, demo):
    from sqlalchemy.exc import IntegrityError
    village_id = the_village(db)
    answers = delivered_in_one_batch(settings, [(village_id, "SMgood1"), (404, "SMnowhere"), (village_id, "SMgood2")])
    assert answers[0].result() and answers[2].result()
    with pytest.raises(IntegrityError):
        answers[1].result()
    assert stored(db) == 2
    assert sorted(announced(connect(settings))) == sorted(db.scalars(select(InboundMessage.id)))


def test_a_failure_while_storing_a_batch_answers_every_waiting_webhook_and_the_next_is_stored(settings, db, demo,
                                                                                          monkeypatch):
    from messaging import inbox
    village_id = the_village(db)
    with monkeypatch.context() as patched:
        patched.setattr(inbox, "_store_batch", lambda *args: 1 / 0)
        answers = delivered_in_one_batch(settings, [(village_id, sid) for sid in ("SMlost1", "SMlost2", "SMlost3")])
    for answer in answers:  # each answers 500 at once, and Twilio delivers it again
        with pytest.raises((ZeroDivisionError, RuntimeError)):
            answer.result()
    assert deliver(settings, village_id, "SMlost1")
    assert stored(db) == 1
