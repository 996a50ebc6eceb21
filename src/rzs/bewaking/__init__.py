"""What operators look at (issue 13): health, metrics and the status page, wired by ``app.py``
into the WSGI app as plain GET pages beside the SOAP endpoints."""
