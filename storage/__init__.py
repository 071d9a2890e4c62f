"""Where records and bytes live: the database (SQLAlchemy) and the object store."""
