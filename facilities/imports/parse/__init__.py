"""Reading an uploaded .xlsx or .csv into the import's rows.

The sheet is bounded before it is read (xlsx_scan streams its XML in chunks), so a huge
or sparse sheet is refused before calamine builds its dense rectangle in the worker's
memory; what is read is held as plain lists, not tablib Rows.
"""

from __future__ import annotations

import tablib
from django.utils.translation import gettext as _

from .reading import ImportFileError, table_from_upload

__all__ = ["ImportFileError", "SheetDataset", "dataset_from_upload"]


class SheetDataset(tablib.Dataset):
    """A tablib Dataset of an uploaded sheet whose rows stay plain lists (`plain_rows`)
    until something asks for tablib's Row objects: the import reads the lists as they are,
    and 100,000 Row objects cost as much as a third of reading the file."""

    def __init__(self, rows: list[list], *, headers: list[str]):
        self.plain_rows = None
        super().__init__(headers=headers)
        self.plain_rows = rows

    @property
    def _data(self):
        if self.plain_rows is not None:
            self.__dict__["_rows"] = [tablib.core.Row(values) for values in self.plain_rows]
            self.plain_rows = None
        return self.__dict__["_rows"]

    @_data.setter
    def _data(self, rows):
        self.plain_rows = None
        self.__dict__["_rows"] = rows

    @property
    def height(self):
        return len(self.plain_rows) if self.plain_rows is not None else len(self._data)

    @property
    def width(self):
        if self.plain_rows is not None:
            return len(self.plain_rows[0]) if self.plain_rows else len(self.headers or ())
        return super().width


def dataset_from_upload(content: bytes, filename: str) -> tablib.Dataset:
    """Read an uploaded .xlsx or .csv into a Dataset (see reading.py): the header row found,
    headers in the template's spelling, blank lines left out; `lines` holds each row's line
    in the file, `cell_errors` the errors of single cells, `notes` what was understood."""
    try:
        table = table_from_upload(content, filename)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(_("Không đọc được tệp; hãy dùng tệp mẫu.")) from exc
    dataset = SheetDataset(table.rows, headers=table.headers)
    dataset.lines = table.lines
    dataset.cell_errors = table.cell_errors
    dataset.notes = table.notes
    return dataset
