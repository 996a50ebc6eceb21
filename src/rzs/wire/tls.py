"""The verified client identity of a request: from our own TLS socket, or from a trusted proxy.

RZS §7 (DIGEST a.4) wants the sending system authenticated; Digikoppeling does that with two-way
TLS. Two ways the identity reaches us, and nothing else counts:

* ``rzs serve --tls-cert F --tls-key F --client-ca F``: gunicorn terminates TLS and verifies the
  client certificate against the CA bundle during the handshake (``ssl.CERT_REQUIRED``: without
  a valid certificate there is no connection at all). gunicorn puts the connection's socket in
  the WSGI environ (``gunicorn.socket``, sync and gthread workers alike); its ``getpeercert()``
  is the verified certificate, of which we keep the subject.
* ``--identiteit-header X-SSL-Client-S-DN``: a TLS-terminating proxy in front of us verified the
  certificate and passes its subject DN in this header. Off by default, because anyone who can
  reach us directly could send the header: the proxy must strip it from client requests and be
  the only way in (docs/operations.md "Behind a TLS-terminating proxy"). When configured, only the
  header counts.

Which subject attribute binds a certificate to a zender is the policy's business
(``stuf/autorisatie.py`` :class:`Onderwerp`).
"""

from __future__ import annotations

import re
import ssl
from collections.abc import Callable, Mapping
from typing import Any

from rzs.stuf.autorisatie import Onderwerp, onderwerp

#: Reads the verified client identity of one request from its WSGI environ.
Certificaatlezer = Callable[[Mapping[str, Any]], Onderwerp | None]


def lezer(identiteit_header: str = "") -> Certificaatlezer:
    """The reader for this server: the proxy header when one is configured, else our socket."""
    if identiteit_header:
        sleutel = "HTTP_" + identiteit_header.strip().upper().replace("-", "_")
        return lambda environ: uit_dn(str(environ.get(sleutel) or ""))
    return uit_socket


def uit_socket(environ: Mapping[str, Any]) -> Onderwerp | None:
    """The subject of the certificate the client presented on our TLS socket; None on plain HTTP
    or without a certificate. Only verified certificates appear: Python returns an empty dict
    when the context did not verify (``CERT_NONE``)."""
    sock = environ.get("gunicorn.socket")
    if not isinstance(sock, ssl.SSLSocket):
        return None
    certificaat = sock.getpeercert()
    if not certificaat:
        return None
    rdns: Any = certificaat.get("subject", ())
    return onderwerp((str(naam), str(waarde)) for rdn in rdns for naam, waarde in rdn)


#: A separator in an RFC 4514 DN: a comma (or a plus inside a multi-valued RDN) not escaped.
_RFC4514_SCHEIDING = re.compile(r"(?<!\\)[,+]")


def uit_dn(dn: str) -> Onderwerp | None:
    """A subject DN as proxies write it: RFC 4514 (nginx ``$ssl_client_s_dn``:
    ``CN=regie,O=Gemeente,C=NL``) or the OpenSSL one-line form (``/C=NL/O=Gemeente/CN=regie``).
    Escaped separators (``\\,``) stay in the value. None when empty or not a DN."""
    dn = dn.strip()
    if not dn:
        return None
    delen = dn[1:].split("/") if dn.startswith("/") else _RFC4514_SCHEIDING.split(dn)
    paren = [deel.partition("=") for deel in delen]
    if any(not naam.strip() or not scheiding for naam, scheiding, _ in paren):
        return None
    return onderwerp((naam.strip(), re.sub(r"\\(.)", r"\1", waarde.strip())) for naam, _, waarde in paren)
