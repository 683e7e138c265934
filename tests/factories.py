"""factory_boy factories for the lower layers. No random data: every value is fixed or a
sequence, so a failing test fails the same way every time."""

import datetime

import factory

from sxsh_portal.accounts.models import RoleAssignment, User
from sxsh_portal.territory.models import (
    REFORM_2025_FROM,
    REFORM_2025_LAST_DAY_BEFORE,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
    Agency,
)

DEMO_PASSWORD = "mat-khau-thu-nghiem-2026"


class ProvinceFactory(factory.django.DjangoModelFactory):
    """A province of the 63-province map (until 30/06/2025)."""

    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("level", "code", "valid_from")

    code = factory.Sequence(lambda n: f"{n + 90}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    level = AdministrativeUnit.Level.PROVINCE
    valid_from = SIXTY_THREE_PROVINCES_FROM
    valid_to = REFORM_2025_LAST_DAY_BEFORE


class CurrentProvinceFactory(ProvinceFactory):
    """A province of today's 34 (from 01/07/2025)."""

    valid_from = REFORM_2025_FROM
    valid_to = None


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("level", "code", "valid_from")

    code = factory.Sequence(lambda n: f"{n + 900:03d}")
    name = factory.Sequence(lambda n: f"Huyện Thử {n}")
    level = AdministrativeUnit.Level.DISTRICT
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = SIXTY_THREE_PROVINCES_FROM
    valid_to = REFORM_2025_LAST_DAY_BEFORE


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("province", "name")

    name = factory.Sequence(lambda n: f"Cơ quan thử {n}")
    kind = Agency.Kind.OTHER
    province = factory.SubFactory(ProvinceFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.vn")
    full_name = factory.LazyAttribute(lambda u: u.username)
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = RoleAssignment.Role.UNIT
    agency = factory.SubFactory(AgencyFactory)


def the_date(day: int, month: int, year: int) -> datetime.date:
    """Dates in tests are written the Vietnamese way round: the_date(15, 12, 2018)."""
    return datetime.date(year, month, day)
