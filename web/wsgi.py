"""The WSGI entry point for a production server: `gunicorn web.wsgi:app`.

Settings come from the CASEWORK_* environment. Migrations are deliberately not applied here:
every gunicorn worker imports this module, and several processes upgrading one database at
once would race. Run `casework db upgrade` before starting the server (docker-compose.yml
does it in its one-shot `migrate` service).
"""

from __future__ import annotations

from web import create_app

app = create_app()
