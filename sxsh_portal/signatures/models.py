"""Digitally signed copies of the portal's PDFs, and the roots of trust they must chain to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TrustRoot(models.Model):
    """A root certificate (a national or licensed CA) a signer's certificate may chain to.

    Filled by the administrator (admin or `signatures_trust_root_add`); the roots in the
    directory of settings.SIGNATURES_TRUST_ROOTS_DIR count as well."""

    name = models.CharField(_("tên"), max_length=200)
    certificate_der = models.BinaryField(_("chứng thư (DER)"))
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)
    subject = models.CharField(_("chủ thể"), max_length=500)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"))
    is_active = models.BooleanField(_("đang dùng"), default=True)
    added_at = models.DateTimeField(_("thêm lúc"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["certificate_der"])

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


def signed_path(instance: SignedDocument, filename: str) -> str:
    return f"signatures/{instance.document.kind}/{instance.document.object_id}/{filename}"


class SignedDocument(models.Model):
    """A signed PDF uploaded for one of the portal's documents.

    Stored as pending, verified by a Celery task; a refused upload keeps only this row with
    its message (the file is deleted), so the page can say why."""

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ kiểm tra")
        VERIFYING = "verifying", _("Đang kiểm tra chữ ký")
        VERIFIED = "verified", _("Đã ký số")
        REFUSED = "refused", _("Bị từ chối")

    document = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("tài liệu gốc"),
        on_delete=models.PROTECT,
        related_name="signed_copies",
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING
    )
    file = models.FileField(_("tệp đã ký"), upload_to=signed_path, blank=True, max_length=300)
    file_checksum = models.CharField(_("mã kiểm tra tệp (SHA-256)"), max_length=64, blank=True)
    file_size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    failed_check = models.CharField(_("bước kiểm tra không đạt"), max_length=30, blank=True)
    failure_reason = models.TextField(_("lý do từ chối"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=300, blank=True)
    signer_organisation = models.CharField(_("cơ quan của người ký"), max_length=300, blank=True)
    signer_certificate_issuer = models.CharField(
        _("tổ chức cấp chứng thư"), max_length=500, blank=True
    )
    signer_certificate_serial = models.CharField(_("số hiệu chứng thư"), max_length=100, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("kiểm tra xong lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản PDF đã ký số")
        verbose_name_plural = _("bản PDF đã ký số")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            # One signed copy is the report: a second one would make "the official file"
            # ambiguous.
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(state="verified"),
                name="signatures_one_verified_per_document",
            ),
            models.CheckConstraint(
                condition=~Q(state="verified")
                | (~Q(file="") & ~Q(file_checksum="") & Q(signed_at__isnull=False)),
                name="signatures_verified_has_file_and_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | (~Q(failure_reason="") & Q(file="")),
                name="signatures_refused_has_reason_no_file",
            ),
        ]
        indexes = [models.Index(fields=["file_checksum"], name="signatures_file_checksum")]

    def __str__(self):
        return f"{self.document} — {self.get_state_display()}"

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.PENDING, self.State.VERIFYING)

    @property
    def is_verified(self) -> bool:
        return self.state == self.State.VERIFIED

    @property
    def is_refused(self) -> bool:
        return self.state == self.State.REFUSED


class PlanSignaturePolicy(models.Model):
    """Whether a plan asks its units to sign their reports digitally too (consolidated reports
    can always be signed). A row of its own, so the plan model stays as it is."""

    plan = models.OneToOneField(
        "strategies.ActionPlan",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="signature_policy",
    )
    unit_reports_signed = models.BooleanField(
        _("đơn vị ký số báo cáo"),
        default=False,
        help_text=_("Đơn vị tải lên bản PDF báo cáo đã ký số sau khi gửi."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy định ký số của kế hoạch")
        verbose_name_plural = _("quy định ký số của kế hoạch")

    def __str__(self):
        return str(self.plan)
