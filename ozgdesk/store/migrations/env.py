"""Alembic environment: runs on the connection that store.migrate hands over."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=True,  # SQLite cannot ALTER most things: recreate tables instead
)
with context.begin_transaction():
    context.run_migrations()
