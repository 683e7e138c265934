from django import forms
from django.utils.translation import gettext_lazy as _

from sxsh_portal.forms import PortalFormMixin


class PreferenceForm(PortalFormMixin, forms.Form):
    email_enabled = forms.BooleanField(
        label=_("Nhận thông báo qua thư điện tử"),
        required=False,
        help_text=_("Thông báo vẫn hiện trong cổng thông tin khi bạn tắt thư."),
    )
