from django import forms
from django.utils.translation import gettext_lazy as _

from sxsh_portal.forms import PortalFormMixin

from .services import MAX_DAYS


class TokenCreateForm(PortalFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Tên khoá"),
        max_length=100,
        help_text=_("Để nhận ra khoá sau này, ví dụ: “Hệ thống thống kê của Sở”."),
    )
    days = forms.TypedChoiceField(
        label=_("Thời hạn"),
        coerce=int,
        initial=90,
        choices=[
            (30, _("30 ngày")),
            (90, _("90 ngày")),
            (180, _("180 ngày")),
            (MAX_DAYS, _("1 năm")),
        ],
    )
