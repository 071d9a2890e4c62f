"""The domain, in plain Python: never flask, never celery.

The kernel is the modules here: cases, users, permissions, errors, audit, formats, dates.
The rooms follow a case's life, each behind its door (its `__init__`): evidence, drafting,
decisions, publication. Web, worker and commands import the kernel's modules and the rooms'
doors; a room's `_private` modules stay inside it.
"""
