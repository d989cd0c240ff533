"""Jobs: long work that runs on a worker, which the person who started it can follow.

An app runs a kind of job by registering a `JobKind` in its AppConfig.ready(), starting it with
`start(...)` inside the transaction that creates what it concerns, and writing a django.tasks task
that calls `run(job_id, prepare=..., write=...)`. See services.py for the guarantees.
"""
