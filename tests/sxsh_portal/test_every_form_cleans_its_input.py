"""Every form of the portal is a PortalFormMixin form: text cleaned (NFC, trimmed, no control
characters) and numbers read the Vietnamese way, whichever page it is on."""

import importlib
import pkgutil

from django import forms

from sxsh_portal.forms import PortalFormMixin

PACKAGES = ("sxsh_portal", "strategies", "facilities", "reporting")
# Forms of the Django admin (superusers only) keep Django's own behaviour.
ADMIN_ONLY = {"sxsh_portal.signatures.admin.TrustRootForm"}


def _project_forms():
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            name = module_info.name
            if ".migrations" in name or ".management" in name or name.endswith("settings"):
                continue
            module = importlib.import_module(name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == name
                ):
                    yield f"{name}.{value.__qualname__}", value


def test_every_portal_form_cleans_text_and_reads_numbers_the_vietnamese_way():
    found = dict(_project_forms())

    plain = sorted(
        path
        for path, form in found.items()
        if not issubclass(form, PortalFormMixin) and path not in ADMIN_ONLY
    )

    assert len(found) > 30  # the walk reached the apps' forms
    assert plain == []
