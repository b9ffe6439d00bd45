"""The five steps as plain Python: each function takes a project or session and
returns plain data. No Qt here."""
