from django.core.management.base import BaseCommand

from sxsh_portal.documents.pdf import pdf_support_problem


class Command(BaseCommand):
    help = "Kiểm tra máy có tạo được PDF (WeasyPrint, Pango) hay không; in một dòng hướng dẫn."

    def handle(self, *args, **options):
        problem = pdf_support_problem()
        if problem:
            self.stderr.write(self.style.WARNING(problem))
        else:
            self.stdout.write("PDF: WeasyPrint sẵn sàng.")
