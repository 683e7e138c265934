"""Background work for strategies. None is needed yet: loading the seed documents is quick and
runs synchronously (strategies.services.seed_documents_load)."""
