"""A number that flooded us is on the coordinator's task list once, with how many went unanswered."""
from tests.support.people import TRUUS
from tests.support.webhooks import Phone


def test_a_flood_is_one_task_on_the_list_with_the_messages_held_back(signed_in, settings, work):
    truus = Phone(signed_in, settings, TRUUS)
    for i in range(25):
        truus.text(f"hallo hallo, dit is bericht {i}")
    work()
    page = signed_in.get("/dashboard/").get_data(as_text=True)
    assert page.count("Nummer stuurt te veel berichten") == 1
    assert "Truus Lamberts" in page and "Tegengehouden berichten: <strong>15</strong>" in page
    assert "dit is bericht 10" in page
