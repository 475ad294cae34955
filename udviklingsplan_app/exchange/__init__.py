"""Exchange formats: the JSON interchange format (and, later, the Excel export)."""
