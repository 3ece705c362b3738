"""Local sandbox shops that behave like the real ones, for the demo, the tests and benchmarks.

Each sandbox is an ASGI application persisted in SQLite, built from recorded exchanges with
the real shop (``../shared/reference/``), so that a connector tested against it meets the
same status codes, error bodies, pagination headers and typing as in production.
"""
