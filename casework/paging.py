"""Lists a page at a time: a case's evidence or trail can run to tens of thousands of rows,
and no request reads more of them than it shows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

PER_PAGE = 50
MOST_PER_PAGE = 500

T = TypeVar("T")


def bounded(page: int, per_page: int) -> tuple[int, int]:
    """Out-of-range paging read as the nearest page and size, never as an error or a huge read."""
    return max(1, page), min(max(1, per_page), MOST_PER_PAGE)


@dataclass(frozen=True)
class Paged(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        """The place in the whole list of this page's first item, from 1."""
        return (self.page - 1) * self.per_page + 1


def paged(session: Session, statement: Select[Any], page: int, per_page: int) -> Paged:
    """One page of the rows `statement` selects (ordered by it), and how many there are."""
    page, per_page = bounded(page, per_page)
    total = session.scalar(select(func.count()).select_from(
        statement.order_by(None).subquery())) or 0
    items = list(session.scalars(statement.limit(per_page).offset((page - 1) * per_page)))
    return Paged(items, total, page, per_page)
