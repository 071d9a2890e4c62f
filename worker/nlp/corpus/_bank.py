"""What a document of one type is made of: its titles, its sentences, the layouts it takes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeBank:
    """The building blocks of one document type; every string may hold slots ({person})."""

    # Lines a document of this type may open with or carry as a heading.
    titles: tuple[str, ...]
    # Sentences or record lines of the body; a short file is one or two of these.
    body: tuple[str, ...]
    # Layouts from worker.nlp.corpus._layouts that documents of this type come in.
    layouts: tuple[str, ...]
    # Lines such a document may close with.
    closings: tuple[str, ...] = ()
