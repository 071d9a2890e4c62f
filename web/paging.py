"""Addresses of the other pages of a list, keeping its filters: for the pages' links and the
API's `next`."""

from __future__ import annotations

from flask import request, url_for

from casework.paging import Paged


def page_url(page: int) -> str:
    """This request's address at another page, with the same filters."""
    return url_for(request.endpoint, **(request.view_args or {}),
                   **(request.args.to_dict() | {"page": page}))


def page_answer(listed: Paged, items: list | None = None) -> dict:
    """The API's answer for a page of a list: its items, the total and the next page."""
    return {"items": listed.items if items is None else items, "total": listed.total,
            "page": listed.page, "per_page": listed.per_page,
            "next": page_url(listed.page + 1) if listed.has_next else None}
