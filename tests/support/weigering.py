"""A refused message, proven: the right Fo code in a SOAP Fault, a valid foutbericht, and a database
that did not change (STYLE "Tests": every negative test checks all three)."""

from __future__ import annotations

from support.db import snapshot
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import Reply, SoapClient


def verwerp(
    soap: SoapClient,
    server: RunningServer,
    operatie: str,
    template: str,
    code: str,
    *,
    berichtcode: str = "Fo03",
    **values: object,
) -> Reply:
    """Send a message that must be refused with ``code`` and prove nothing was stored."""
    return verwerp_bericht(
        soap, server, operatie, soap.bericht(template, **values), code, berichtcode=berichtcode
    )


def verwerp_bericht(
    soap: SoapClient,
    server: RunningServer,
    operatie: str,
    body: bytes,
    code: str,
    *,
    berichtcode: str = "Fo03",
) -> Reply:
    """As :func:`verwerp`, for a filled message body (a template adapted by the test)."""
    voor = snapshot(server.settings.effective_database_url)
    reply = soap.stuur_bericht(operatie, body)
    reply.assert_fout(code, berichtcode=berichtcode)
    assert_geldig(reply.fo)
    assert snapshot(server.settings.effective_database_url) == voor
    return reply
