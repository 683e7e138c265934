"""`consolidated_pdfs_generate`: the consolidated PDF of every province for one year.

    python manage.py consolidated_pdfs_generate --year 2025

One render task per province's reporting year, through the path the 16/12 drafts take
(reporting/services/documents.py). Run again with unchanged figures, it queues nothing new.
With Celery eager (the embedded default) the PDFs are rendered before it returns.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.services import consolidated_pdf_batch_request


class Command(BaseCommand):
    help = "Tạo PDF báo cáo tổng hợp của mọi tỉnh cho một năm báo cáo (mỗi tài liệu một tác vụ)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2025.")

    def handle(self, *args, year, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(_("--year phải là một năm từ 2000 đến 2100."))
        batch = consolidated_pdf_batch_request(year=year, actor=None)
        if not batch.documents:
            raise CommandError(_("Chưa tỉnh nào mở năm báo cáo %(year)s.") % {"year": year})
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Năm %(year)s: %(documents)s báo cáo tổng hợp, %(queued)s vừa được đưa vào "
                    "hàng đợi tạo PDF, %(others)s đã có hoặc đang được tạo."
                )
                % {
                    "year": year,
                    "documents": len(batch.documents),
                    "queued": len(batch.queued),
                    "others": len(batch.documents) - len(batch.queued),
                }
            )
        )
