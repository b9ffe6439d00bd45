"""The project file: opening, pragmas, lock, schema, migrations, backups and queries.

Nothing here imports Qt. ``project`` is the one place that opens a database.
"""
