"""The live connections one process holds: database engine, sessions and object store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine, make_session_factory
from storage.objects import ObjectStore, S3Settings, make_store


@dataclass(frozen=True)
class Storage:
    engine: Engine
    sessions: sessionmaker[Session]
    objects: ObjectStore

    def check_database(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))


def open_storage(database_url: str, s3: S3Settings | None, objects_dir: Path) -> Storage:
    """Connect to the database and object store (lazily: nothing is dialled yet)."""
    engine = make_engine(database_url)
    return Storage(engine=engine, sessions=make_session_factory(engine),
                   objects=make_store(s3, objects_dir))
