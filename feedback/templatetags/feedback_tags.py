"""Render Django form widgets with NHS.UK frontend classes and the right aria-describedby."""

from django import forms, template
from django.utils.html import format_html

register = template.Library()

WIDGET_CLASSES = {forms.Textarea: "nhsuk-textarea", forms.Select: "nhsuk-select"}


def character_limit(field):
    """The limit a textarea shows as "You can enter up to N characters" (NHS.UK character count), or None."""
    return field.field.max_length if isinstance(field.field.widget, forms.Textarea) else None


def describedby_ids(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if character_limit(field):
        ids.append(f"{field.auto_id}-info")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def describedby(field):
    """` aria-describedby="…"` for a fieldset or input, or nothing."""
    ids = describedby_ids(field)
    return format_html(' aria-describedby="{}"', ids) if ids else ""


@register.simple_tag
def nhsuk_widget(field, width=""):
    """The field's own widget (values kept, choices and optgroups rendered by Django) with NHS.UK classes."""
    base = next(
        (css for widget, css in WIDGET_CLASSES.items() if isinstance(field.field.widget, widget)), "nhsuk-input"
    )
    classes = [base]
    if field.errors:
        classes.append(f"{base}--error")
    if width and base == "nhsuk-input":
        classes.append(f"nhsuk-input--width-{width}")
    if character_limit(field):
        classes.append("nhsuk-js-character-count")
    attrs = {"class": " ".join(classes)}
    ids = describedby_ids(field)
    if ids:
        attrs["aria-describedby"] = ids
    return field.as_widget(attrs=attrs)


@register.filter
def character_count_limit(field):
    return character_limit(field)


@register.filter
def thousands(number):
    """1000 → "1,000" (GOV.UK and NHS style: commas in numbers over 999)."""
    return f"{number:,}" if isinstance(number, int) else number
