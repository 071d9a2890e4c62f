# syntax=docker/dockerfile:1
# One image for every casework process: the web server (the default command), the Celery
# worker (`casework worker`) and migrations (`casework db upgrade`). See docker-compose.yml.
FROM python:3.11-slim

# CASEWORK_DATA_DIR is written to only in embedded mode or when CASEWORK_SECRET_KEY is
# unset; /data belongs to the service user created below, while /app stays read-only to it.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CASEWORK_DATA_DIR=/data

WORKDIR /app

# Tesseract reads scans and photos (OCR); LibreOffice turns decisions into PDF, kept warm in
# the worker through python3-uno (which runs on Debian's own python, not this image's).
# Without them, those files say OCR was unavailable and decisions come as Word only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr libreoffice-writer-nogui \
        python3-uno \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, listed from pyproject.toml alone, so a code change does not reinstall
# them. Each has a prebuilt wheel for this platform (psycopg[binary] included), so the image
# needs no compiler.
COPY pyproject.toml ./
RUN python -c "import tomllib; [print(d) for d in tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']]" \
        > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

# The packages carry their data (letter templates, migrations, the remedy scale, the seed
# corpus, the web's templates and static files), so a plain install is the whole service.
COPY . .
RUN pip install --no-deps . \
 && rm -rf /app/build

RUN useradd --system --user-group --uid 10001 --create-home --home-dir /home/casework casework \
 && install -d -o casework -g casework -m 0700 /data
USER casework

EXPOSE 8000
# Threads serve concurrent requests within each process; GUNICORN_CMD_ARGS can tune this at
# run time. The heartbeat files go to /dev/shm so a slow container disk cannot stall workers.
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "--threads", "4", \
     "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "web.wsgi:app"]
