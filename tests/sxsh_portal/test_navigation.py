"""The navigation bar comes from the access rule: every link a role is shown opens for that
role, and the pages a role may not open are not offered."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "ministry", "province", "other_province", "unit", "facility", "outsider")


def nav_links(html: str) -> list[str]:
    bar = html.split('<ul class="navbar-nav me-auto', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', bar)


@pytest.mark.parametrize("role", ROLES)
def test_every_link_of_the_bar_opens_for_the_role_that_sees_it(role, users_by_role, client):
    user = users_by_role[role]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    links = nav_links(client.get(reverse("home")).content.decode())

    assert links, role
    for link in links:
        response = client.get(link, follow=True)
        assert response.status_code == 200, (role, link)
        assert not response.redirect_chain or "dang-nhap" not in response.redirect_chain[-1][0]


def test_each_role_is_offered_its_own_pages(users_by_role, client):
    def offered(role):
        user = users_by_role[role]
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return set(nav_links(client.get(reverse("home")).content.decode()))

    consolidated, register = reverse("reporting:consolidated_list"), reverse("facilities:register")
    assert consolidated in offered("province") and consolidated in offered("ministry")
    assert consolidated not in offered("unit") and consolidated not in offered("facility")
    assert reverse("facilities:facility_list") not in offered("outsider")
    assert register in offered("anonymous") and register not in offered("unit")
