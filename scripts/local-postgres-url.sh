#!/usr/bin/env bash
# Print the URL of the machine's PostgreSQL when one answers on the usual port (trust auth,
# database `test`); print nothing otherwise. The tests then make (and drop) a private
# database on it; without one, the services-mode tests use SQLite.
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "postgresql://postgres@127.0.0.1:5432/test"
fi
