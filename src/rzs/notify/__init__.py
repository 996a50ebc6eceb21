"""Sending what we owe others: notifications and overdracht messages, through a durable outbox.

``outbox.py`` writes rows in the caller's unit of work (the transaction of the change), so a
refused message sends nothing and an accepted one is never lost; ``worker.py`` delivers them, at
least once, with retries. This package knows neither the wire layer nor the services.
"""
