"""The confirmation step of the final actions (send a unit report, accept it, send the
consolidated report to the Ministry): the button posts, and a post without `confirmed`
answers with a page that says what will happen, the units still missing where there are
any, and a second button that posts again with `confirmed=1`. Plain HTML: it works without
JavaScript, and no final action happens on a single click."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import render

CONFIRMED = "confirmed"


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


@dataclass
class Confirmation:
    title: str
    consequences: list[str]
    action_url: str
    button: str
    cancel_url: str
    hidden: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # (unit, its standing) for the units whose report has not arrived
    missing: list[tuple[str, str]] = field(default_factory=list)
    missing_title: str = ""


def confirmation_page(request, confirmation: Confirmation):
    return render(request, "reporting/confirm.html", {"confirmation": confirmation})
