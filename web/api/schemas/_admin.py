"""What an admin sends: whom a case is assigned to."""

from __future__ import annotations

from web.api.schemas._base import Body, described
from web.api.schemas._fields import Id


class Assignment(Body):
    user_id = Id(required=True, metadata=described("An active investigator's user id"))
