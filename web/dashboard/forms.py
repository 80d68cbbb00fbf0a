"""The dashboard's forms: what a coordinator may type, checked before anything is saved.

No words here: fields are known by their names, choices by their codes, and what is wrong by a
short code. templates/pages/dashboard/_fields.html holds what the coordinator reads for each.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from wtforms import BooleanField, Field, Form, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from dorpslijn.words import LANGUAGES
from orders.calendar import DAY_CODES, time_of_day
from orders.catalogue import UNITS
from orders.phones import normalise_or_none

PAYMENTS = ("contant", "pin", "factuur")
CHANNELS = ("sms", "whatsapp", "telegram")
CALL_DAYS = ("", *DAY_CODES)  # "" is no weekly call
WEEKLY_CALL = ("call_day", "call_at")  # kept in the resident's weekly call, not on the resident
BAGS = [SelectChoice(count) for count in range(1, 41)]
MOST_CENTS = 100_000


def _text(value) -> str:
    """What was typed, without spaces around it; nothing typed is an empty text, never None."""
    return (value or "").strip()


def text(*validators, max_length: int = 200, area: bool = False):
    """A text field that keeps an empty text when left empty."""
    field = TextAreaField if area else StringField
    return field(validators=[*validators, Length(max=max_length)], filters=[_text])


class PhoneField(StringField):
    """A phone number typed as people write it (06-12345678), kept in E.164."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = (self.data or "").strip()
        if self.data:
            normal = normalise_or_none(self.data)
            if normal is None:
                raise ValueError("not_a_phone")
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
            raise ValueError("price_format") from None
        self.data = int((euros * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
        if not 0 < self.data <= MOST_CENTS:
            raise ValueError("price_range")


class CoordinateField(Field):
    """A latitude or longitude copied from a map, with a decimal comma or point; empty is allowed."""

    widget = TextInput()

    def __init__(self, limit: float, **kwargs):
        super().__init__(**kwargs)
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
                raise ValueError("coordinate") from None
            if abs(self.data) > self.limit:
                raise ValueError("coordinate")


class DaysField(SelectMultipleField):
    """Weekdays as checkboxes, kept as `di,vr`; none ticked means every delivery day."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_data(self, value):
        super().process_data([d for d in (value or "").split(",") if d])

    def populate_obj(self, obj, name):
        setattr(obj, name, ",".join(day for day in DAY_CODES if day in (self.data or [])))


class ResidentForm(Form):
    name = text(DataRequired(message="name_missing"))
    phone = PhoneField(validators=[InputRequired(message="fill_in")])
    address = text(max_length=200)
    postcode = text(max_length=10)
    lat = CoordinateField(limit=90)
    lon = CoordinateField(limit=180)
    notes = text(max_length=1000, area=True)
    language = SelectField(choices=LANGUAGES)
    payment = SelectField(choices=PAYMENTS)
    contact_name = text(max_length=200)
    contact_phone = PhoneField(validators=[Optional()])
    contact_copies = BooleanField()
    call_day = SelectField(choices=CALL_DAYS, default="")
    call_at = text()

    def validate_call_at(self, field):
        """A weekly call needs a time of day that is one."""
        if self.call_day.data and time_of_day(field.data) is None:
            raise ValidationError("time_format")

    def populate_obj(self, obj):
        """The resident's own details; the weekly call is saved apart (web/dashboard/residents.py)."""
        for field in self:
            if field.name not in WEEKLY_CALL:
                field.populate_obj(obj, field.name)


class ShopForm(Form):
    name = text(DataRequired(message="name_missing"))
    kind = text(max_length=40)
    phone = PhoneField(validators=[InputRequired(message="fill_in")])
    channel = SelectField(choices=CHANNELS)
    address = text(max_length=200)
    postcode = text(max_length=10)
    opening_note = text(max_length=1000, area=True)


class ProductForm(Form):
    name = text(DataRequired(message="name_missing"))
    price_cents = EuroField(validators=[InputRequired(message="price_missing")])
    unit = SelectField(choices=UNITS)
    category = text(max_length=60)
    description = text(max_length=1000, area=True)


class NewProductForm(ProductForm):
    shop_pk = SelectField(coerce=int)
    sku = StringField(validators=[DataRequired(message="fill_in"), Length(max=64)],
                      filters=[lambda typed: _text(typed).upper()])


class VolunteerForm(Form):
    name = text(DataRequired(message="name_missing"))
    phone = PhoneField(validators=[InputRequired(message="fill_in")])
    days = DaysField(choices=DAY_CODES)
    capacity_bags = SelectField(choices=BAGS, coerce=int)
