"""Who a Telegram chat is: a shared contact links it to a shop, volunteer or resident.

Until it is linked, a chat is treated as a new resident (CONTRACT section 6): the
conversation answers it, and its first answer comes with the button that shares the phone
number (`Outgoing.extra["ask_contact"]`, which the Telegram sender turns into the button).
Only a person's own contact links: the contact's Telegram user must be the one who sent it,
in a chat of their own. In a group every member writes from the group's chat id, so a group
linked to one member would let all the others order, cancel and read as that member.
"""
from __future__ import annotations

import logging

from sqlalchemy import func, select

from dorpslijn.messages import Inbound, Outgoing
from dorpslijn.words import say
from messaging.models import InboundMessage
from orders import tasks
from orders.models import Resident, Shop, Village, Volunteer
from orders.phones import normalise_or_none

logger = logging.getLogger(__name__)

# In the order the inbox asks: a shop's number is the shop, even when it also orders.
PEOPLE = {Shop: "shop", Volunteer: "volunteer", Resident: "resident"}


def handle(session, inbound: Inbound, now, route) -> list[Outgoing]:
    """Link a shared contact; else answer through `route`, a new chat offered the contact button first."""
    extra = _stored_extra(session, inbound)
    if "contact" in extra:
        return link(session, inbound, extra)
    replies = route(session, inbound, now)
    if not _linked(session, inbound) and _first_message(session, inbound):
        village = session.get(Village, inbound.village_id)
        # The button first: most new chats are customers already, and one tap ends the questions.
        replies.insert(0, _reply(inbound, _language(extra), "telegram_share_contact", ask_contact=True,
                                 village=village.name))
    return replies


def link(session, inbound: Inbound, extra: dict) -> list[Outgoing]:
    """Link the chat to whoever has the shared phone number; the answer says who, or why not."""
    contact, language = extra["contact"], _language(extra)
    village = session.get(Village, inbound.village_id)
    if contact.get("user_id") is None or contact.get("user_id") != extra.get("from_id"):
        return [_reply(inbound, language, "telegram_contact_not_own", ask_contact=True)]
    if str(extra["from_id"]) != inbound.sender:  # a private chat's id is its user's id; a group's is not
        logger.info("Telegram group %s: a contact shared there links nothing", inbound.sender)
        return [_reply(inbound, language, "telegram_contact_in_group")]
    phone = _phone(contact["phone_number"])
    people = [person for model in PEOPLE for person in session.scalars(select(model).where(
        model.village_id == inbound.village_id, model.phone == phone))] if phone else []
    if not people:
        logger.info("Telegram chat %s shared a number we do not know", inbound.sender)
        tasks.ask_coordinator(session, village, "telegram_contact", "telegram_task_unknown_contact", phone=phone or "",
                              about=phone or contact["phone_number"], text_coordinator=False,
                              shared=phone or contact["phone_number"], person=extra.get("first_name", ""))
        return [_reply(inbound, language, "telegram_contact_unknown", phone=phone or contact["phone_number"],
                       village=village.name)]
    for person in people:
        _unlink_chat(session, type(person), inbound)
        person.telegram_chat_id = inbound.sender
        logger.info("Telegram chat %s linked to %s %s", inbound.sender, PEOPLE[type(person)], person.id)
    first = people[0]
    return [_reply(inbound, getattr(first, "language", language), "telegram_linked", person=first.name,
                   who=PEOPLE[type(first)], village=village.name)]


def _phone(shared: str) -> str | None:
    """The E.164 form of a shared number; Telegram often leaves out the leading +."""
    shared = shared.strip()
    return normalise_or_none("+" + shared if shared.isdigit() and not shared.startswith("0") else shared)


def _unlink_chat(session, model, inbound: Inbound) -> None:
    """One chat is one person of each kind: whoever had this chat before loses it."""
    for other in session.scalars(select(model).where(model.village_id == inbound.village_id,
                                                     model.telegram_chat_id == inbound.sender)):
        other.telegram_chat_id = None


def _linked(session, inbound: Inbound) -> bool:
    return any(session.scalar(select(model.id).where(model.village_id == inbound.village_id,
                                                     model.telegram_chat_id == inbound.sender).limit(1))
               for model in PEOPLE)


def _first_message(session, inbound: Inbound) -> bool:
    earlier = session.scalar(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.village_id == inbound.village_id, InboundMessage.channel == "telegram",
        InboundMessage.sender == inbound.sender, InboundMessage.id < inbound.inbound_id))
    return earlier == 0


def _stored_extra(session, inbound: Inbound) -> dict:
    """What the Telegram webhook kept beside the text: the sender's user id, language, a contact."""
    stored = session.get(InboundMessage, inbound.inbound_id) if inbound.inbound_id else None
    return dict(stored.extra or {}) if stored else {}


def _language(extra: dict) -> str:
    return "en" if str(extra.get("language_code", "")).startswith("en") else "nl"


def _reply(inbound: Inbound, language: str, template: str, ask_contact: bool = False, **values) -> Outgoing:
    extra = {"ask_contact": True, "language": language} if ask_contact else {}
    return Outgoing("telegram", inbound.sender, say(template, language, **values), extra, template)
