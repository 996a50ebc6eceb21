"""Consumer mode: the harness plays the StUF Testplatform (STP) for a TTA that sends.

``app`` is a small WSGI app with STP-like endpoints, ``sessie`` walks the scenarios of a consumer
rol and judges each incoming message (``profielen``: the message profiles of SCENARIOS 2),
``antwoorden`` builds what the STP answers and ``staat`` remembers what the TTA created, so that
later answers (La01, Du02) are built from it. None of it imports our server: it tests any
implementation over HTTP, ours too.
"""
