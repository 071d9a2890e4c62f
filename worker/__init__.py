"""The evidence pipeline, run by Celery workers."""
