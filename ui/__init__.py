"""The PySide6 user interface. It talks to the core only through its service functions."""
