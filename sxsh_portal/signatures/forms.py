from django import forms
from django.utils.translation import gettext_lazy as _

from sxsh_portal.forms import PortalFormMixin


class SignedFileForm(PortalFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF đã ký số"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class TrustRootUploadForm(PortalFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=200)
    certificate = forms.FileField(label=_("Chứng thư gốc (PEM hoặc DER)"))
