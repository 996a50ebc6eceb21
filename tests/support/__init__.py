"""Helpers shared by the test modules (message templates, ...).

Importable without a ``tests/__init__.py``: pytest puts ``tests/`` on ``sys.path`` for the test
modules directly under it (rootdir-relative ``prepend`` import mode), so ``from support.messages
import message`` works there; elsewhere add ``tests/`` to ``sys.path`` first.
"""
