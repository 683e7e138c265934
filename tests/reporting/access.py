"""The one step every reporting access table runs: request a URL as a role, compare the answer
with the declared one (LOGIN means a redirect to the login page)."""

from django.urls import reverse

LOGIN = "login"


def assert_declared_answer(
    client, world, *, role, name, method, target, expected, data, namespace="reporting"
):
    user = world["users"][role]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    args = [world["objects"][target].pk] if target else []

    # A name with its namespace is used as it is (the document tables name others in full).
    url = reverse(name if ":" in name else f"{namespace}:{name}", args=args)
    response = getattr(client, method)(url, data)

    if expected[role] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected[role]
