"""Kept for migration 0003 only, which names the upload path by this module (a migration is
never edited): the documents are sxsh_portal.documents' (moved by migration 0007)."""

from sxsh_portal.documents.models import document_path

__all__ = ["document_path"]
