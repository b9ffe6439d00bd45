"""Reading and writing files (CSV, spreadsheets, reports). No Qt widgets, no business rules."""
