"""Learning from the coordinator: an unclear word resolved in the tasks becomes the village's own
word for a product; the next resident who says it is understood; removed, it is forgotten; another
village never learns it."""
from sqlalchemy import select

from orders.models import LearnedWord, Product, Task
from tests.support.accounts import OTHER_EMAIL, PASSWORD
from tests.support.caller import Caller
from tests.support.forms import csrf_token
from tests.support.outbox import outbox
from tests.support.people import SUSAN, TRUUS
from tests.support.webhooks import Phone

BERTUS = "+31612345602"
GEESJE = "+31612399902"  # a resident of Giethoorn


def last_to(settings, number):
    return outbox(settings, to=number)[-1]["body"]


def unclear_task(db):
    db.expire_all()
    return db.scalar(select(Task).where(Task.kind == "unclear_word", Task.done_at.is_(None)))


def test_an_unclear_word_taught_in_the_tasks_is_understood_next_time_and_forgotten_when_removed(
        signed_in, phone, work, settings, db, giethoorn, app):
    phone(TRUUS).text("2 bossche bollen")
    work()
    assert "1. " in last_to(settings, TRUUS), "the word is asked about"
    phone(TRUUS).text("0")
    work()
    task = unclear_task(db)
    assert task is not None and task.details["word"] == "bossche bol"
    page = signed_in.get("/dashboard/").get_data(as_text=True)
    assert "Onbekend woord" in page and 'value="bossche bol"' in page and "Appeltaart punt" in page

    product = db.scalar(select(Product).where(Product.sku == "BAK-APPELTAART-PUNT"))
    response = signed_in.post(f"/dashboard/tasks/{task.id}/learn", data={
        "word": "bossche bol", "product": product.id, "csrf_token": csrf_token(signed_in, "/dashboard/")})
    assert response.status_code == 302
    assert unclear_task(db) is None, "the task is done"
    words = signed_in.get("/dashboard/words/").get_data(as_text=True)
    assert "Geleerde woorden" in words and "bossche bol" in words and "Appeltaart punt" in words

    phone(BERTUS).text("een bossche bol graag")
    work()
    read_back = last_to(settings, BERTUS)
    assert "1x Appeltaart punt" in read_back and "1. " not in read_back

    Phone(signed_in, settings, GEESJE, to="+31852080999").text("een bossche bol")  # to Giethoorn
    work()
    assert "Appeltaart" not in " ".join(m["body"] for m in outbox(settings, to=GEESJE))

    learned = db.scalar(select(LearnedWord))
    response = signed_in.post(f"/dashboard/words/{learned.id}/forget",
                              data={"csrf_token": csrf_token(signed_in, "/dashboard/words/")})
    assert response.status_code == 302
    assert "nog geen eigen woorden" in signed_in.get("/dashboard/words/").get_data(as_text=True)
    phone(SUSAN).text("a bossche bol")
    work()
    assert "1. " in last_to(settings, SUSAN), "forgotten: asked again"


def test_another_villages_coordinator_can_neither_see_nor_remove_the_word(signed_in, phone, work, settings, db,
                                                                         giethoorn, client, app):
    phone(TRUUS).text("2 krentenbollen en 3 plompkes")
    work()
    task = unclear_task(db)
    assert task.details["word"] == "plompkes"
    refused = signed_in.post(f"/dashboard/tasks/{task.id}/learn", follow_redirects=True, data={
        "word": "plompkes", "product": "", "csrf_token": csrf_token(signed_in, "/dashboard/")})
    assert "Er is niets geleerd" in refused.get_data(as_text=True) and unclear_task(db) is not None
    product = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    signed_in.post(f"/dashboard/tasks/{task.id}/learn", data={
        "word": "plompkes", "product": product.id, "csrf_token": csrf_token(signed_in, "/dashboard/")})
    learned = db.scalar(select(LearnedWord))
    other = app.test_client()
    other.post("/dashboard/login", data={"email": OTHER_EMAIL, "password": PASSWORD,
                                         "csrf_token": csrf_token(other, "/dashboard/login")})
    assert "plompkes" not in other.get("/dashboard/words/").get_data(as_text=True)
    response = other.post(f"/dashboard/words/{learned.id}/forget",
                          data={"csrf_token": csrf_token(other, "/dashboard/words/")})
    assert response.status_code == 404
    db.expire_all()
    assert db.scalar(select(LearnedWord)) is not None


def test_a_word_not_sold_said_on_the_phone_goes_on_the_coordinators_list_once(client, settings, demo, db):
    for _ in range(2):
        truus = Caller(client, settings, TRUUS)
        truus.dial()
        truus.press(2)
        truus.say("twee krentenbollen en drie plompkes")
    tasks = db.scalars(select(Task).where(Task.kind == "unclear_word")).all()
    assert [t.details["word"] for t in tasks] == ["plompkes"]
