"""The dashboard's forms: what a coordinator may type, checked before anything is saved."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from wtforms import (BooleanField, Field, Form, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from dorpslijn.words import dayname
from orders.calendar import WEEKDAYS, time_of_day
from orders.phones import normalise_or_none

LANGUAGES = [SelectChoice("nl", "Nederlands"), SelectChoice("en", "Engels")]
PAYMENTS = [SelectChoice("contant", "Contant"), SelectChoice("pin", "Pin bij de deur"),
            SelectChoice("factuur", "Factuur")]
CHANNELS = [SelectChoice("sms", "SMS"), SelectChoice("whatsapp", "WhatsApp"), SelectChoice("telegram", "Telegram")]
UNITS = [SelectChoice("stuk", "per stuk"), SelectChoice("kg", "per kilo"), SelectChoice("bos", "per bos")]
DAYS = [SelectChoice(short) for short in WEEKDAYS]
CALL_DAYS = [SelectChoice("", "geen"), *(SelectChoice(short, dayname(n)) for short, n in WEEKDAYS.items())]
WEEKLY_CALL = ("call_day", "call_at")  # kept in the resident's weekly call, not on the resident
BAGS = [SelectChoice(count, str(count)) for count in range(1, 41)]
FILL_IN = "Vul dit in."
MOST_CENTS = 100_000
COORDINATE = "Laat leeg, of neem het getal over van een kaart (bijv. 52,6362)."


def _text(value) -> str:
    """What was typed, without spaces around it; nothing typed is an empty text, never None."""
    return (value or "").strip()


def text(label: str, *validators, max_length: int = 200, area: bool = False):
    """A text field that keeps an empty text when left empty."""
    field = TextAreaField if area else StringField
    return field(label, [*validators, Length(max=max_length)], filters=[_text])


class PhoneField(StringField):
    """A phone number typed as people write it (06-12345678), kept in E.164."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = (self.data or "").strip()
        if self.data:
            normal = normalise_or_none(self.data)
            if normal is None:
                raise ValueError("Dit is geen telefoonnummer.")
            self.data = normal


class EuroField(Field):
    """A price typed as `3,45`, `€ 3,45` or `3.45`, kept in cents."""

    widget = TextInput()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data // 100},{self.data % 100:02d}" if self.data is not None else ""

    def process_formdata(self, valuelist):
        text = re.sub(r"[€\s]", "", valuelist[0] if valuelist else "").replace(",", ".")
        self.data = None
        if not text:
            return
        try:
            euros = Decimal(text)
        except InvalidOperation:
            raise ValueError("Schrijf de prijs als 3,45.") from None
        self.data = int((euros * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
        if not 0 < self.data <= MOST_CENTS:
            raise ValueError("De prijs moet tussen € 0,01 en € 1000 liggen.")


class CoordinateField(Field):
    """A latitude or longitude copied from a map, with a decimal comma or point; empty is allowed."""

    widget = TextInput()

    def __init__(self, label: str, limit: float, **kwargs):
        super().__init__(label, **kwargs)
        self.limit = limit

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return str(self.data).replace(".", ",") if self.data is not None else ""

    def process_formdata(self, valuelist):
        typed = (valuelist[0] if valuelist else "").strip().replace(",", ".")
        self.data = None
        if typed:
            try:
                self.data = float(typed)
            except ValueError:
                raise ValueError(COORDINATE) from None
            if abs(self.data) > self.limit:
                raise ValueError(COORDINATE)


class DaysField(SelectMultipleField):
    """Weekdays as checkboxes, kept as `di,vr`; none ticked means every delivery day."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_data(self, value):
        super().process_data([d for d in (value or "").split(",") if d])

    def populate_obj(self, obj, name):
        setattr(obj, name, ",".join(day.value for day in DAYS if day.value in (self.data or [])))


class ResidentForm(Form):
    name = text("Naam", DataRequired(message="Vul een naam in."))
    phone = PhoneField("Telefoonnummer", [InputRequired(message=FILL_IN)])
    address = text("Adres", max_length=200)
    postcode = text("Postcode", max_length=10)
    lat = CoordinateField("Breedtegraad (mag leeg)", limit=90)
    lon = CoordinateField("Lengtegraad (mag leeg)", limit=180)
    notes = text("Bezorgnotitie (bijv. bel 2x aan)", max_length=1000, area=True)
    language = SelectField("Taal", choices=LANGUAGES)
    payment = SelectField("Betaling", choices=PAYMENTS)
    contact_name = text("Contactpersoon (familie of mantelzorger)", max_length=200)
    contact_phone = PhoneField("Telefoonnummer contactpersoon", [Optional()])
    contact_copies = BooleanField("Contactpersoon krijgt een kopie van bevestigingen en meldingen")
    call_day = SelectField("Wekelijks telefoontje voor de boodschappen", choices=CALL_DAYS, default="")
    call_at = text("Hoe laat (bijv. 10:00)")

    def validate_call_at(self, field):
        """A weekly call needs a time of day that is one."""
        if self.call_day.data and time_of_day(field.data) is None:
            raise ValidationError("Schrijf de tijd als 10:00.")

    def populate_obj(self, obj):
        """The resident's own details; the weekly call is saved apart (web/dashboard/residents.py)."""
        for field in self:
            if field.name not in WEEKLY_CALL:
                field.populate_obj(obj, field.name)


class ShopForm(Form):
    name = text("Naam", DataRequired(message="Vul een naam in."))
    kind = text("Soort winkel", max_length=40)
    phone = PhoneField("Telefoonnummer", [InputRequired(message=FILL_IN)])
    channel = SelectField("Bestellingen ontvangen via", choices=CHANNELS)
    address = text("Adres", max_length=200)
    postcode = text("Postcode", max_length=10)
    opening_note = text("Openingstijden en afspraken", max_length=1000, area=True)


class ProductForm(Form):
    name = text("Naam", DataRequired(message="Vul een naam in."))
    price_cents = EuroField("Prijs in euro", [InputRequired(message="Vul een prijs in.")])
    unit = SelectField("Eenheid", choices=UNITS)
    category = text("Categorie", max_length=60)
    description = text("Omschrijving", max_length=1000, area=True)


class NewProductForm(ProductForm):
    shop_pk = SelectField("Winkel", coerce=int)
    sku = StringField("Artikelcode (bijv. BAK-SPELT-HEEL)", [DataRequired(message=FILL_IN), Length(max=64)],
                      filters=[lambda typed: _text(typed).upper()])


class VolunteerForm(Form):
    name = text("Naam", DataRequired(message="Vul een naam in."))
    phone = PhoneField("Telefoonnummer", [InputRequired(message=FILL_IN)])
    days = DaysField("Rijdt op (niets aangevinkt: elke bezorgdag)", choices=DAYS)
    capacity_bags = SelectField("Tassen per fiets", choices=BAGS, coerce=int)
