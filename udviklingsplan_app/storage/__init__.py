"""Storage: the SQLite database (peewee), its migrations and backups."""

from .database import close_db, database, default_db_path, init_db
from .migrations import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "close_db", "database", "default_db_path", "init_db"]
