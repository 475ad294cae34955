"""Storage: the SQLite database (peewee), its migrations and backups."""

from .database import SCHEMA_VERSION, close_db, database, default_db_path, init_db

__all__ = ["SCHEMA_VERSION", "close_db", "database", "default_db_path", "init_db"]
