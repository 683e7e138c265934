"""Pages anyone may open: self-registration and the library of case studies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sxsh_portal.forms import service_errors_to_form
from sxsh_portal.ids import parse_id
from sxsh_portal.ratelimit import rate_limited
from sxsh_portal.submissions.tokens import once_per_token

from .. import selectors
from ..forms import LibrarySearchForm, RegistrationForm
from ..services.registration import facility_registration_receive

PAGE_SIZE = 20


@once_per_token
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and rate_limited(
        request,
        action="register",
        targets=[request.POST.get("username", ""), request.POST.get("tax_code", "")],
    ):
        return render(
            request, "facilities/register.html", {"form": form, "limited": True}, status=429
        )
    if request.method == "POST" and form.is_valid():
        try:
            facility_registration_receive(**form.service_kwargs())
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã nhận hồ sơ đăng ký."))
            return redirect("facilities:register_done")
    return render(request, "facilities/register.html", {"form": form})


def register_done(request):
    return render(request, "facilities/register_done.html")


def register_units(request):
    """The unit <option>s of one province, for the registration form (htmx)."""
    province_id = parse_id(request.GET.get("province"))
    units = []
    if province_id:
        units = selectors.registration_units_of(province_id).order_by("name")
    return render(request, "facilities/_unit_options.html", {"units": units})


def library(request):
    form = LibrarySearchForm(request.GET or None)
    measures = selectors.measures_public()
    if form.is_valid():
        data = form.cleaned_data
        measures = selectors.measures_public_search(
            q=data["q"].strip(),
            sector_id=data["sector"].pk if data["sector"] else None,
            category=data["category"],
        )
    page = Paginator(measures, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "facilities/library.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def library_detail(request, pk):
    measure = get_object_or_404(selectors.measures_public(), pk=pk)
    return render(request, "facilities/library_detail.html", {"measure": measure})
