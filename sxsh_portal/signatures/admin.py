"""Admin: trust roots are added here (a PEM/DER file) or by `signatures_trust_root_add`; the
signed copies are read-only, since only the verification task may accept one."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sxsh_portal.admin_site import ReadOnlyAdminMixin

from .models import PlanSignaturePolicy, SignedDocument, TrustRoot
from .trust import CertificateError, certificates_in, root_fields


class TrustRootForm(forms.ModelForm):
    certificate = forms.FileField(label=_("Chứng thư gốc (PEM hoặc DER)"), required=False)

    class Meta:
        model = TrustRoot
        fields = ["name", "is_active"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("certificate")
        if upload is None:
            if not self.instance.pk:
                raise ValidationError(_("Hãy chọn tệp chứng thư gốc."))
            return cleaned
        try:
            certificates = certificates_in(upload.read())
        except CertificateError as error:
            raise ValidationError(
                _("Không đọc được chứng thư: %(error)s") % {"error": error}
            ) from error
        if len(certificates) != 1 or not certificates[0].ca:
            raise ValidationError(
                _("Tệp phải chứa đúng một chứng thư của tổ chức chứng thực (CA).")
            )
        fields = root_fields(certificates[0])
        duplicate = TrustRoot.objects.filter(fingerprint=fields["fingerprint"])
        if duplicate.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Chứng thư gốc này đã có trong danh sách."))
        for name, value in fields.items():
            setattr(self.instance, name, value)
        return cleaned


@admin.register(TrustRoot)
class TrustRootAdmin(SimpleHistoryAdmin):
    form = TrustRootForm
    list_display = ["name", "subject", "not_after", "is_active", "added_at"]
    list_filter = ["is_active"]
    readonly_fields = ["fingerprint", "subject", "not_before", "not_after", "added_at", "added_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["document", "state", "signer_name", "signed_at", "uploaded_at", "uploaded_by"]
    list_filter = ["state"]


@admin.register(PlanSignaturePolicy)
class PlanSignaturePolicyAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "unit_reports_signed"]
    raw_id_fields = ["plan"]
