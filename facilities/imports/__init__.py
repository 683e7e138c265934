"""The facility import engine: parse (an upload into rows), rules (the row rules shared
with the forms and the models), check (every row, column by column), write (the ORM path
and PostgreSQL's COPY path). facilities.services.facilities_import drives it.

Nothing here is imported by this package itself: the models import `rules`.
"""
