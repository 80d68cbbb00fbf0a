"""The weekly call, offered once after an order: shall we call every week on this weekday, around
this hour? The calls themselves are placed by `ivr/weekly.py`.
"""
from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select

from ivr.call import Call
from ivr.hints import answer_hints
from ivr.keys import CHOOSE_WORDS, choice
from ivr.models import VoiceCall
from ivr.twiml import Reply
from orders.calendar import TIMEZONE
from orders.weekly_calls import WeeklyCall, ask_for_weekly_call, decline_weekly_call, ever_had_weekly_call, slot_for

CALLING_HOURS = range(9, 20)  # the hours whose weekly call we offer


def may_offer_weekly_call(call: Call) -> bool:
    """Whether to offer a weekly call: the resident never had one nor said no to it, did not send
    STOP, and calls at an hour we would gladly ring them at again (not late in the evening)."""
    return (call.now.astimezone(TIMEZONE).hour in CALLING_HOURS and not call.resident.opted_out
            and not ever_had_weekly_call(call.session, call.resident))


def offer_weekly_call(call: Call, intro: str) -> Reply:
    """Once, after the order: shall we call every week on this weekday, around this hour? 1 is yes."""
    local = call.now.astimezone(TIMEZONE)
    call.remember(weekly_offer=[local.weekday(), local.hour])
    return call.reply().say(intro).ask(call.url("weekly_offer"),
                                       call.words("weekly_offer", weekday=local.weekday(), hour=local.hour),
                                       hints=answer_hints(call, "weekly_offer"))


def weekly_offer(call: Call) -> Reply:
    """1 (or yes): we call every week from now on. Any other answer, or none, ends the call kindly
    and is remembered: the offer is not made again."""
    offered = (call.record.data or {}).get("weekly_offer")
    if not offered:
        return call.reply().hang_up(call.words("weekly_offer_declined"))
    weekday, hour = offered
    if choice(call, CHOOSE_WORDS) != "1" or call.unsure:
        decline_weekly_call(call.session, call.resident, weekday, time(hour))
        return call.reply().hang_up(call.words("weekly_offer_declined"))
    weekly = ask_for_weekly_call(call.session, call.resident, weekday, time(hour))
    count_as_this_weeks_call(call.session, call.record, weekly, call.now)
    return call.reply().hang_up(call.words("weekly_call_set", weekday=weekday, hour=hour))


def count_as_this_weeks_call(session, record: VoiceCall, weekly: WeeklyCall, now: datetime) -> None:
    """The call in progress is this week's weekly call, so the scheduler does not ring right after it.

    A wish for the weekday and hour of the call itself is due at once; without this the resident
    who just ordered and hung up would be called back within the minute.
    """
    slot = slot_for(weekly, now)
    planned = session.scalar(select(VoiceCall.id).where(VoiceCall.weekly_call_id == weekly.id,
                                                        VoiceCall.slot == slot))
    if planned is None:
        record.weekly_call_id, record.slot = weekly.id, slot
