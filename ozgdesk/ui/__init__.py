"""Qt only: main window, step pages, item models and dialogs.

Widgets call workflow functions and show plain data; no SQL and no file
formats here.
"""
