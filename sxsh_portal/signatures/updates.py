"""What the incremental updates between the portal's document and the signature changed.

pyHanko's difference analysis judges the updates *after* a signed revision; the update that
carries the signature itself is the signer's to write, and nothing stops signing software
from editing a page in it. This checks that those updates only add a signature: new
objects, reachable only through the catalog's /AcroForm and the pages' /Annots, every
annotation added being a signature widget; metadata (Info, XMP) may be refreshed.
"""

from __future__ import annotations

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader

# Keys the signature's update may change, by the kind of object it overrides.
CATALOG_KEYS = {"/AcroForm", "/Metadata", "/Perms", "/DSS", "/Extensions", "/Version"}
PAGE_KEYS = {"/Annots"}


class UnexpectedChange(Exception):
    pass


def _raw(dictionary: generic.DictionaryObject, key: str):
    try:
        return dictionary.raw_get(key)
    except KeyError:
        return None


def _get(dictionary, key: str):
    """The value, dereferenced (DictionaryObject.get does not follow references)."""
    try:
        return dictionary[key]
    except KeyError:
        return None


def _same_except(old, new, allowed: set[str]) -> None:
    if not isinstance(old, generic.DictionaryObject) or not isinstance(
        new, generic.DictionaryObject
    ):
        raise UnexpectedChange("an object changed kind")
    for key in (set(old) | set(new)) - allowed:
        if _raw(old, key) != _raw(new, key):
            raise UnexpectedChange(f"{key} changed")


def _is_signature_widget(annotation) -> bool:
    annotation = annotation.get_object()
    if _get(annotation, "/Subtype") != "/Widget":
        return False
    field = annotation
    while field is not None:
        if _get(field, "/FT") == "/Sig":
            return True
        parent = _raw(field, "/Parent")
        field = parent.get_object() if parent is not None else None
    return False


def _annots(page: generic.DictionaryObject) -> list:
    annots = _get(page, "/Annots")
    return list(annots) if annots is not None else []


def _check_annotations(old_page, new_page) -> None:
    old = {ref.reference for ref in _annots(old_page) if isinstance(ref, generic.IndirectObject)}
    for annotation in _annots(new_page):
        if isinstance(annotation, generic.IndirectObject) and annotation.reference in old:
            continue
        if not _is_signature_widget(annotation):
            raise UnexpectedChange("an annotation other than a signature widget was added")


def _check_fields(old_form, new_form) -> None:
    old_fields = _get(old_form, "/Fields") if old_form is not None else None
    known = {ref.reference for ref in (old_fields or []) if isinstance(ref, generic.IndirectObject)}
    for field in _get(new_form, "/Fields") or []:
        if isinstance(field, generic.IndirectObject) and field.reference in known:
            continue
        if _get(field.get_object(), "/FT") != "/Sig":
            raise UnexpectedChange("a form field other than a signature was added")


def _page_refs(resolver: HistoricalResolver) -> dict:
    pages = {}
    stack = [_raw(resolver.root, "/Pages")]
    while stack:
        node_ref = stack.pop()
        node = node_ref.get_object()
        if _get(node, "/Type") == "/Page":
            pages[node_ref.reference] = node
        else:
            stack.extend(_raw(node, "/Kids") or [])
    return pages


def _check_revision(reader: PdfFileReader, revision: int) -> None:
    old = reader.get_historical_resolver(revision - 1)
    new = reader.get_historical_resolver(revision)
    if new.refs_freed_in_revision():
        raise UnexpectedChange("objects were freed")
    old_pages = _page_refs(old)
    new_pages = _page_refs(new)
    if set(old_pages) != set(new_pages):
        raise UnexpectedChange("pages were added or removed")
    metadata = {
        getattr(_raw(old.root, "/Metadata"), "reference", None),
        getattr(_raw(old.trailer_view, "/Info"), "reference", None),
    }
    old_form_ref = _raw(old.root, "/AcroForm")
    annots_arrays = {
        ref: getattr(_raw(page, "/Annots"), "reference", None) for ref, page in old_pages.items()
    }
    for ref in new.explicit_refs_in_revision():
        if reader.xrefs.get_introducing_revision(ref) >= revision:
            continue  # new: reachable only through the keys checked below
        if ref == old.root_ref:
            _same_except(old.root, new.root, CATALOG_KEYS)
        elif ref in old_pages:
            _same_except(old_pages[ref], new_pages[ref], PAGE_KEYS)
        elif ref in metadata or (
            isinstance(old_form_ref, generic.IndirectObject) and ref == old_form_ref.reference
        ):
            continue
        elif ref in annots_arrays.values():
            continue  # its pages' annotations are checked below
        else:
            raise UnexpectedChange(f"object {ref.idnum} was rewritten")
    for ref, page in new_pages.items():
        _check_annotations(old_pages[ref], page)
    new_form = _get(new.root, "/AcroForm")
    if new_form is not None:
        _check_fields(_get(old.root, "/AcroForm"), new_form)


def check_signing_updates(reader: PdfFileReader, *, base_revision: int, signed_revision: int):
    """Raise UnexpectedChange unless every revision after base_revision up to the signed one
    only adds a signature."""
    for revision in range(base_revision + 1, signed_revision + 1):
        _check_revision(reader, revision)
