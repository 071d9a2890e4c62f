"""The domain core: cases, evidence, findings, remedies, decisions. Plain Python.

Never imports flask or celery: the web and the worker are thin shells around these functions.
"""
