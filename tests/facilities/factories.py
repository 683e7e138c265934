"""Factories for the facility registry. Fixed values and sequences only."""

import factory

from facilities.models import Facility, FacilityYearStatus, Measure, Sector, SizeClass


class FacilityFactory(factory.django.DjangoModelFactory):
    """A verified facility; pass admin_unit= (a district) and the province follows it."""

    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Cơ sở thử {n}")
    tax_code = factory.Sequence(lambda n: f"{2800100000 + n}")
    sector = factory.LazyFunction(lambda: Sector.objects.get(code="che-bien-thuc-pham"))
    size_class = SizeClass.MEDIUM
    province = factory.LazyAttribute(lambda facility: facility.admin_unit.parent)
    address = "Số 1, đường Thử"
    status = Facility.Status.VERIFIED


class YearStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilityYearStatus

    year = 2019
    size_class = factory.LazyAttribute(lambda status: status.facility.size_class)
    is_aware = True
    is_applying = True


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    year = 2019
    category = Measure.Category.HOUSEKEEPING
    title = factory.Sequence(lambda n: f"Giải pháp thử {n}")
    description = "Mô tả giải pháp thử."
    investment_vnd = 100_000_000
    yearly_saving_vnd = 50_000_000
