"""Idempotent writes: a double submit of a form creates one row (see `once_per_token`)."""
