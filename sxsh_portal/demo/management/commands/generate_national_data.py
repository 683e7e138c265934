"""`generate_national_data`: the synthetic national data set for benchmarks.

    python manage.py generate_national_data --facilities 300000 --years 2010-2025

Years before 2025 are reported under the 63 old provinces' plans by district committees,
years from 2025 under today's 34 provinces' plans by commune committees. See
sxsh_portal/demo/synthetic/ for what it writes and why it bypasses the services.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sxsh_portal.demo.synthetic import SyntheticDataExists, national_data_generate


def _years(value: str) -> tuple[int, int]:
    first, _sep, last = value.partition("-")
    try:
        years = int(first), int(last or first)
    except ValueError as exc:
        raise CommandError(_("--years phải có dạng 2010-2025.")) from exc
    if not 2000 <= years[0] <= years[1] <= 2100:
        raise CommandError(_("--years phải là một khoảng năm từ 2000 đến 2100, năm đầu trước."))
    return years


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu tổng hợp toàn quốc (cơ sở, tình hình SXSH theo năm, báo cáo) để đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--facilities", type=int, default=300_000)
        parser.add_argument("--years", default="2010-2025")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--provinces",
            type=int,
            default=None,
            help="Chỉ dùng N tỉnh cũ đầu (theo mã) và, từ năm 2025, các tỉnh kế thừa chúng.",
        )

    def handle(self, *args, facilities, years, seed, provinces, **options):
        if facilities < 0:
            raise CommandError(_("--facilities không được âm."))
        first_year, last_year = _years(years)
        try:
            result = national_data_generate(
                facilities=facilities,
                first_year=first_year,
                last_year=last_year,
                seed=seed,
                provinces=provinces,
                log=self.stdout.write,
            )
        except SyntheticDataExists as exc:
            raise CommandError(str(exc)) from exc
        for name, count in result.counts.items():
            self.stdout.write(f"  {name:<32} {count:>12,}")
        self.stdout.write(self.style.SUCCESS(_("Xong sau %.1f s.") % result.seconds["total"]))
