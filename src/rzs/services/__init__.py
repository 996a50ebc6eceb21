"""Service handlers, one module per family, and the route table (``routes.py``).

Handlers turn a StUF message into domain calls and back; data goes through ``rzs.store``
repositories, never through SQLAlchemy or the wire layer directly.
"""
