"""The web app served by waitress on a loopback port, configured from CASEWORK_* variables:
how a user reaches the service, for the scenarios that fault the servers behind it.

    python -m tests.reliability.serve PORT
"""

from __future__ import annotations

import sys

from waitress import serve

from web import create_app
from wiring import load_settings

if __name__ == "__main__":
    serve(create_app(load_settings()), host="127.0.0.1", port=int(sys.argv[1]), threads=8)
