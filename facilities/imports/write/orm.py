"""The ORM writer of the facility import, for SQLite and other databases: bulk operations
once every row has passed, with the history records simple-history would write."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from ...models import Facility, FacilityYearStatus
from ...resources.columns import FACILITY_FIELDS

BATCH_SIZE = 2000


class OrmWriter:
    """The writes through the ORM's bulk operations, for SQLite and other databases."""

    def __init__(self, importer, now):
        self.importer = importer
        self.actor = importer.actor
        self.now = now

    def write(self) -> None:
        importer = self.importer
        values = importer.values
        facility_rows, status_rows = importer.last_rows()
        attributes = [a for a in FACILITY_FIELDS if a in importer.present]
        attnames = {a: Facility._meta.get_field(a).attname for a in attributes}
        existing = importer.existing
        tax_codes = importer.tax_codes
        new: list[Facility] = []
        changed: list[Facility] = []
        for start in range(0, len(facility_rows), BATCH_SIZE):
            rows = facility_rows[start : start + BATCH_SIZE]
            pks = [existing[tax_codes[i]][0] for i in rows if tax_codes[i] in existing]
            instances = Facility.objects.in_bulk(pks) if pks else {}
            for i in rows:
                facility_values = {attnames[a]: values[a][i] for a in attributes}
                known = existing.get(tax_codes[i])
                if known is None:
                    new.append(
                        Facility(
                            **facility_values,
                            province_id=importer.province_ids[i],
                            status=Facility.Status.VERIFIED,
                            registered_at=self.now,
                            verified_at=self.now,
                            verified_by=self.actor,
                        )
                    )
                    continue
                facility = instances[known[0]]
                for attname, value in facility_values.items():
                    setattr(facility, attname, value)
                facility.province_id = importer.province_ids[i]
                changed.append(facility)
        pks = self._create(new)
        if changed:
            Facility.objects.bulk_update(changed, sorted({*attributes, "province"}), batch_size=500)
            self._history(Facility, changed, update=True)
            # The record just written is the verified state of a verified facility that
            # has none yet.
            latest = (
                Facility.history.filter(id=OuterRef("pk"))
                .order_by("-history_id")
                .values("history_id")[:1]
            )
            for start in range(0, len(changed), BATCH_SIZE):
                Facility.objects.filter(
                    pk__in=[facility.pk for facility in changed[start : start + BATCH_SIZE]],
                    status=Facility.Status.VERIFIED,
                    verified_history_id__isnull=True,
                ).update(verified_history_id=Subquery(latest))
            pks.update((facility.tax_code, facility.pk) for facility in changed)
        self._write_statuses(status_rows, pks)

    def _history(self, model, objs, *, update: bool) -> list:
        return model.history.bulk_history_create(
            objs,
            batch_size=BATCH_SIZE,
            update=update,
            default_user=self.actor,
            default_date=self.now,
        )

    def _create(self, new: list[Facility]) -> dict[str, int]:
        """New facilities, verified (the DOIT's own list needs no verification), each with
        its first history record as the verified state."""
        if not new:
            return {}
        Facility.objects.bulk_create(new, batch_size=BATCH_SIZE)
        records = self._history(Facility, new, update=False)
        for facility, record in zip(new, records, strict=True):
            facility.verified_history_id = record.history_id
        Facility.objects.bulk_update(new, ["verified_history_id"], batch_size=500)
        return {facility.tax_code: facility.pk for facility in new}

    def _write_statuses(self, status_rows: list[int], pks: dict[str, int]) -> None:
        if not status_rows:
            return
        importer = self.importer
        names = [name for name, _header, _position, _parse in importer.status_present]
        sizes = importer.values.get("size_class")
        rows = []
        for i in status_rows:
            status = {name: importer.statuses[name][i] for name in names}
            status["size_class"] = sizes[i] if sizes else None
            status["facility_id"] = pks[importer.tax_codes[i]]
            rows.append(status)
        existing_pks = sorted({pk for pk, _province, _size in importer.existing.values()})
        years = {values["year"] for values in rows}
        found = {}
        for start in range(0, len(existing_pks), BATCH_SIZE):
            for status in FacilityYearStatus.objects.filter(
                facility_id__in=existing_pks[start : start + BATCH_SIZE], year__in=years
            ):
                found[(status.facility_id, status.year)] = status
        new, changed = [], []
        for values in rows:
            status = found.get((values["facility_id"], values["year"]))
            if status is None:
                new.append(FacilityYearStatus(**values))
                continue
            for name, value in values.items():
                setattr(status, name, value)
            changed.append(status)
        if new:
            FacilityYearStatus.objects.bulk_create(new, batch_size=BATCH_SIZE)
            self._history(FacilityYearStatus, new, update=False)
        if changed:
            fields = sorted({*names, "size_class"} - {"year"})
            FacilityYearStatus.objects.bulk_update(changed, fields, batch_size=500)
            self._history(FacilityYearStatus, changed, update=True)
