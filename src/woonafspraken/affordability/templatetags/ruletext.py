"""``{{ text|rule_text }}``: a rule's Dutch text in the reader's language (see
:mod:`woonafspraken.affordability.texts`)."""

from typing import Any

from django import template

from woonafspraken.affordability import texts

register = template.Library()


@register.filter
def rule_text(value: Any) -> str:
    return texts.shown(value)
