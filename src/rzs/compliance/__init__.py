"""Compliance harness: replays the official RZS test set against any implementation over HTTP.

It imports nothing of ``rzs`` except ``ns`` and ``safexml``: it must test our server exactly as
it tests anybody else's.
"""
