"""Talking SOAP to a server under test: zeep for binding and transport, raw HTTP for quirks.

Messages are template files (support.messages); zeep supplies the operation's soapAction and
address from the WSDL the server serves, and posts the envelope (TECH-NOTES 1, option B). Raw
``requests`` calls are for what zeep cannot send: SOAP 1.2, odd SOAPActions, broken bytes.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from functools import cached_property

import requests
import zeep
from lxml import etree

from rzs import ns, safexml
from support import messages

STUF = {"StUF": ns.STUF, "ZKN": ns.ZKN, "BG": ns.BG, "RZS": ns.RZS, "ZDS": ns.ZDS}

#: Operation -> the endpoint (and WSDL) that binds it.
ENDPOINT = {
    "genereerZaakIdentificatie_Di02": "/zkn/VrijeBerichten",
    "genereerDocumentIdentificatie_Di02": "/zkn/VrijeBerichten",
    "creeerZaak_Lk01": "/zkn/OntvangAsynchroon",
    "updateZaak_Lk01": "/zkn/OntvangAsynchroon",
    "actualiseerZaakstatus_Lk01": "/zkn/OntvangAsynchroon",
    "voegZaakdocumentToe_Lk01": "/zkn/OntvangAsynchroon",
    "maakZaakdocument_Lk01": "/zkn/OntvangAsynchroon",
    "geefZaakstatus_Lv01": "/zkn/BeantwoordVraag",
    "geefZaakdetails_Lv01": "/zkn/BeantwoordVraag",
    "geefLijstZaakdocumenten_Lv01": "/zkn/BeantwoordVraag",
    "geefZaakdocumentLezen_Lv01": "/zkn/BeantwoordVraag",
    "geefZaakdocumentbewerken_Di02": "/zkn/VrijeBerichten",
    "updateZaakdocument_Di02": "/zkn/VrijeBerichten",
    "cancelCheckout_Di02": "/zkn/VrijeBerichten",
    "ontkoppelZaakdocument_Di02": "/zkn/VrijeBerichten",
    "genereerBesluitIdentificatie_Di02": "/zkn/VrijeBerichten",
    "voegBesluitToe_Di01": "/zkn/OntvangAsynchroon",
    "updateBesluit_Lk01": "/zkn/OntvangAsynchroon",
    "geefBesluitDetails_Lv01": "/zkn/BeantwoordVraag",
    "geefLijstBesluiten_Lv01": "/zkn/BeantwoordVraag",
}

_teller = itertools.count(1)


def unieke_referentie() -> str:
    return f"T-{uuid.uuid4().hex[:24]}"


def tijdstip() -> str:
    """Strictly increasing tijdstipBericht values within a test run."""
    return f"2024011510{next(_teller):07d}"[:17]


@dataclass
class Reply:
    status: int
    content_type: str
    data: bytes

    @cached_property
    def envelope(self) -> etree._Element:
        return safexml.parse(self.data)

    @property
    def body(self) -> etree._Element:
        body = next(c for c in self.envelope if etree.QName(c).localname == "Body")
        return next(c for c in body if isinstance(c.tag, str))

    @property
    def is_fault(self) -> bool:
        return etree.QName(self.body).localname == "Fault"

    @property
    def fo(self) -> etree._Element:
        """The StUF foutbericht inside the fault's detail."""
        for element in self.body.iter():
            if isinstance(element.tag, str) and element.tag in {
                ns.stuf("Fo02Bericht"),
                ns.stuf("Fo03Bericht"),
            }:
                return element
        raise AssertionError(f"Geen Fo-bericht in het antwoord: {self.data[:500]!r}")

    @property
    def foutcode(self) -> str:
        return self.fo.findtext("StUF:body/StUF:code", namespaces=STUF) or ""

    def text(self, path: str) -> str | None:
        return self.body.findtext(path, namespaces=STUF)

    def assert_fout(self, code: str, *, berichtcode: str = "Fo03", plek: str | None = None) -> None:
        assert self.status == 500, (self.status, self.data[:800])
        assert self.is_fault, self.data[:800]
        assert etree.QName(self.fo).localname == f"{berichtcode}Bericht", self.data[:800]
        assert self.foutcode == code, (self.foutcode, self.fo.findtext(".//StUF:details", namespaces=STUF))
        if plek is not None:
            assert self.fo.findtext("StUF:body/StUF:plek", namespaces=STUF) == plek


class SoapClient:
    """Sends template messages to one server; one zeep client per WSDL, loaded over HTTP."""

    def __init__(self, base_url: str, *, eindpunt: str | None = None) -> None:
        """``eindpunt="/"``: every operation through that one URL and its WSDL (the root WSDL binds
        them all there), as a sender configured with one URL does; else per :data:`ENDPOINT`."""
        self.base_url = base_url
        self.eindpunt = eindpunt
        self._zeep: dict[str, zeep.Client] = {}
        self.session = requests.Session()

    def zeep_client(self, endpoint: str) -> zeep.Client:
        if endpoint not in self._zeep:
            settings = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True)
            transport = zeep.Transport(session=self.session, timeout=30)
            self._zeep[endpoint] = zeep.Client(
                f"{self.base_url}{endpoint}?wsdl", settings=settings, transport=transport
            )
        return self._zeep[endpoint]

    def binding(self, operatie: str) -> tuple[str, str]:
        """(soapAction, address) of ``operatie`` in the WSDL the server serves: the one port of its
        endpoint's WSDL, or the port of the root WSDL whose binding has it."""
        client = self.zeep_client(self.eindpunt or ENDPOINT[operatie])
        for service in client.wsdl.services.values():
            for port in service.ports.values():
                if operatie in port.binding._operations:
                    actie = port.binding._operations[operatie].soapaction
                    return str(actie), str(port.binding_options["address"])
        raise AssertionError(f"{operatie} is niet gebonden in {self.eindpunt or ENDPOINT[operatie]}?wsdl")

    def soapaction(self, operatie: str) -> str:
        return self.binding(operatie)[0]

    def stuur(self, operatie: str, template: str, **values: object) -> Reply:
        """Fill a template and send it as ``operatie`` through zeep (SOAP 1.1, WSDL soapAction)."""
        return self.stuur_bericht(operatie, self.bericht(template, **values))

    def stuur_bericht(self, operatie: str, body: bytes) -> Reply:
        """Send a filled (and perhaps adapted) message body as ``operatie``, as :meth:`stuur`."""
        soapaction, address = self.binding(operatie)
        client = self.zeep_client(self.eindpunt or ENDPOINT[operatie])
        envelope = safexml.parse(messages.envelope(body, "1.1"))
        headers = {"SOAPAction": f'"{soapaction}"', "Content-Type": "text/xml; charset=utf-8"}
        response = client.transport.post_xml(address, envelope, headers)
        return Reply(response.status_code, response.headers.get("Content-Type", ""), response.content)

    def post(
        self,
        path: str,
        data: bytes,
        *,
        soapaction: str | None = None,
        content_type: str = "text/xml; charset=utf-8",
        timeout: float = 30,
    ) -> Reply:
        headers = {"Content-Type": content_type}
        if soapaction is not None:
            headers["SOAPAction"] = soapaction
        response = self.session.post(self.base_url + path, data=data, headers=headers, timeout=timeout)
        return Reply(response.status_code, response.headers.get("Content-Type", ""), response.content)

    def bericht(self, template: str, **values: object) -> bytes:
        values.setdefault("referentienummer", unieke_referentie())
        values.setdefault("tijdstipBericht", tijdstip())
        return messages.message(template, **values)

    def genereer_zaakidentificatie(self) -> str:
        reply = self.stuur("genereerZaakIdentificatie_Di02", "identificaties/genereerZaakIdentificatie_Di02")
        assert reply.status == 200, reply.data[:800]
        identificatie = reply.text("ZKN:zaak/ZKN:identificatie")
        assert identificatie
        return identificatie
