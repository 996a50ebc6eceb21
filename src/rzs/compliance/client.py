"""Talking to the system under test: zeep binds operations and carries the bytes (TECH-NOTES 1 B).

zeep loads the WSDL (the endpoint's own ``?wsdl``, or our ``wsdl/`` files bound to the endpoint
address with ``client.create_service``), supplies each operation's soapAction and posts the
envelope through ``client.transport.post_xml``. The messages themselves are template files: zeep's
typed objects cannot send nil + noValue and inject defaults (TECH-NOTES 1). The reply comes back
as raw bytes; judging it is :mod:`.checks`' work, never zeep's.

Endpoints follow the StUF Testplatform: one URL for all types, or one per endpoint type
(``ZKN_OntvangAsynchroon``, ``ZKN_BeantwoordVraag``, ``ZKN_VrijeBerichten``,
``RZS_OntvangAsynchroon``), e.g. from a TOML endpoint map.
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zeep
from lxml import etree

from rzs import ns
from rzs.compliance import bronnen


@dataclass(frozen=True, slots=True)
class Dienst:
    wsdl: str
    binding: str
    pad: str


#: Endpoint types (DIGEST b.1): WSDL file, binding QName, path on a server laid out like ours.
DIENSTEN: dict[str, Dienst] = {
    "ZKN_OntvangAsynchroon": Dienst(
        "zkn0310_ontvangAsynchroon.wsdl", ns.zkn("SOAPOntvangAsynchroon"), "/zkn/OntvangAsynchroon"
    ),
    "ZKN_BeantwoordVraag": Dienst(
        "zkn0310_beantwoordVraag.wsdl", ns.zkn("SOAPBeantwoordVraag"), "/zkn/BeantwoordVraag"
    ),
    "ZKN_VrijeBerichten": Dienst(
        "zkn0310_vrijeBerichten.wsdl", ns.zkn("SOAPVrijeBerichten"), "/zkn/VrijeBerichten"
    ),
    "RZS_OntvangAsynchroon": Dienst(
        "rzs0310_ontvangAsynchroon.wsdl", ns.rzs("SOAPOntvangAsynchroon"), "/rzs/OntvangAsynchroon"
    ),
}


@dataclass(frozen=True, slots=True)
class Operatie:
    dienst: str
    synchroon: bool


#: Operation -> endpoint type and interaction (DIGEST b.2). Synchronous operations answer Fo02,
#: asynchronous ones Fo03.
OPERATIES: dict[str, Operatie] = {
    "genereerZaakIdentificatie_Di02": Operatie("ZKN_VrijeBerichten", True),
    "genereerDocumentIdentificatie_Di02": Operatie("ZKN_VrijeBerichten", True),
    "geefZaakdocumentbewerken_Di02": Operatie("ZKN_VrijeBerichten", True),
    "updateZaakdocument_Di02": Operatie("ZKN_VrijeBerichten", True),
    "cancelCheckout_Di02": Operatie("ZKN_VrijeBerichten", True),
    "creeerZaak_Lk01": Operatie("ZKN_OntvangAsynchroon", False),
    "updateZaak_Lk01": Operatie("ZKN_OntvangAsynchroon", False),
    "actualiseerZaakstatus_Lk01": Operatie("ZKN_OntvangAsynchroon", False),
    "voegZaakdocumentToe_Lk01": Operatie("ZKN_OntvangAsynchroon", False),
    "maakZaakdocument_Lk01": Operatie("ZKN_OntvangAsynchroon", False),
    "geefZaakstatus_Lv01": Operatie("ZKN_BeantwoordVraag", True),
    "geefZaakdetails_Lv01": Operatie("ZKN_BeantwoordVraag", True),
    "geefLijstZaakdocumenten_Lv01": Operatie("ZKN_BeantwoordVraag", True),
    "geefZaakdocumentLezen_Lv01": Operatie("ZKN_BeantwoordVraag", True),
    "notificeerOverZaak": Operatie("RZS_OntvangAsynchroon", False),
    "initieerNotificeerOverZaak": Operatie("RZS_OntvangAsynchroon", False),
    "overdragenZaak": Operatie("RZS_OntvangAsynchroon", False),
    "bevestigOverdragenZaak": Operatie("RZS_OntvangAsynchroon", False),
}

_SOAP_NS = {"1.1": ns.SOAP11, "1.2": ns.SOAP12}


@dataclass(frozen=True, slots=True)
class Eindpunten:
    """The URL per endpoint type, and whether the WSDL comes from the endpoint (``?wsdl``)."""

    urls: dict[str, str]
    wsdl_van_eindpunt: bool = False

    @classmethod
    def alle(cls, url: str) -> Eindpunten:
        """The STP's "All types": one URL for every operation, WSDLs from our own files."""
        return cls({naam: url for naam in DIENSTEN})

    @classmethod
    def server(cls, basis_url: str) -> Eindpunten:
        """A server laid out like ours (``/zkn/...``, ``/rzs/...``), serving ``?wsdl`` itself."""
        basis = basis_url.rstrip("/")
        return cls({naam: basis + d.pad for naam, d in DIENSTEN.items()}, wsdl_van_eindpunt=True)

    @classmethod
    def uit_toml(cls, pad: Path) -> Eindpunten:
        """``[eindpunten]`` with one URL per endpoint type; ``wsdl = "eindpunt"`` loads ``?wsdl``."""
        data = tomllib.loads(pad.read_text(encoding="utf-8"))
        urls = {str(k): str(v) for k, v in data.get("eindpunten", {}).items()}
        onbekend = set(urls) - set(DIENSTEN)
        if onbekend or not urls:
            raise ValueError(
                f"{pad}: eindpunttypen moeten uit {sorted(DIENSTEN)} komen (onbekend: {onbekend})"
            )
        return cls(urls, wsdl_van_eindpunt=data.get("wsdl", "lokaal") == "eindpunt")


@dataclass(frozen=True, slots=True)
class Transportopties:
    soap: str = "1.1"
    timeout: float = 30.0
    cert: str | None = None
    key: str | None = None
    ca: str | None = None


@dataclass
class Uitwisseling:
    """One request and what came back: raw bytes, never interpreted here."""

    url: str
    soapaction: str
    verzoek: bytes
    verzoek_content_type: str = ""
    status: int = 0
    content_type: str = ""
    antwoord: bytes = b""
    duur: float = 0.0
    transportfout: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class SoapClient:
    """Sends filled body elements as ``operatie`` to the endpoint of its type."""

    def __init__(self, eindpunten: Eindpunten, opties: Transportopties) -> None:
        if opties.soap not in _SOAP_NS:
            raise ValueError(f"SOAP-versie {opties.soap!r} onbekend (1.1 of 1.2)")
        self.eindpunten = eindpunten
        self.opties = opties
        self.transport = zeep.Transport(  # type: ignore[no-untyped-call]
            timeout=opties.timeout, operation_timeout=opties.timeout
        )
        sessie: Any = self.transport.session
        if opties.ca:
            sessie.verify = opties.ca
        if opties.cert:
            sessie.cert = (opties.cert, opties.key) if opties.key else opties.cert
        self._clients: dict[str, Any] = {}

    def _client(self, dienst: str) -> Any:
        if dienst not in self._clients:
            if dienst not in self.eindpunten.urls:
                raise LookupError(f"Geen eindpunt voor {dienst} opgegeven")
            bron = (
                self.eindpunten.urls[dienst] + "?wsdl"
                if self.eindpunten.wsdl_van_eindpunt
                else str(bronnen.wsdl_dir() / DIENSTEN[dienst].wsdl)
            )
            settings = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True)
            self._clients[dienst] = zeep.Client(  # type: ignore[no-untyped-call]
                bron, settings=settings, transport=self.transport
            )
        return self._clients[dienst]

    def soapaction(self, operatie: str) -> str:
        dienst = OPERATIES[operatie].dienst
        binding = self._client(dienst).wsdl.bindings[DIENSTEN[dienst].binding]
        return str(binding._operations[operatie].soapaction)

    def envelope(self, body: etree._Element) -> etree._Element:
        soap = _SOAP_NS[self.opties.soap]
        envelope = etree.Element(ns.qname(soap, "Envelope"), nsmap={"soap": soap})
        etree.SubElement(envelope, ns.qname(soap, "Body")).append(body)
        return envelope

    def stuur(self, operatie: str, body: etree._Element) -> Uitwisseling:
        dienst = OPERATIES[operatie].dienst
        url = self.eindpunten.urls.get(dienst, "")
        envelope = self.envelope(body)
        verzoek = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
        uitwisseling = Uitwisseling(url=url, soapaction="", verzoek=verzoek)
        start = time.perf_counter()
        try:
            client = self._client(dienst)
            uitwisseling.soapaction = self.soapaction(operatie)
            service = client.create_service(DIENSTEN[dienst].binding, url)
            adres = service._binding_options["address"]
            headers = self._headers(uitwisseling.soapaction)
            uitwisseling.verzoek_content_type = headers["Content-Type"]
            response = client.transport.post_xml(adres, envelope, headers)
        except (OSError, LookupError, zeep.exceptions.Error) as exc:
            uitwisseling.transportfout = f"{type(exc).__name__}: {exc}"
        else:
            uitwisseling.status = int(response.status_code)
            uitwisseling.content_type = str(response.headers.get("Content-Type", ""))
            uitwisseling.antwoord = bytes(response.content)
        uitwisseling.duur = time.perf_counter() - start
        return uitwisseling

    def onbereikbaar(self) -> dict[str, str]:
        """Every endpoint URL that does not answer at all (no connection, timeout), with the error.

        Any HTTP answer counts as an answer, also 404 or 500: this only tells "nothing is listening"
        apart from a system that does listen, once before the run (issue 12)."""
        fouten: dict[str, str] = {}
        for url in sorted(set(self.eindpunten.urls.values())):
            try:
                self.transport.session.get(url, timeout=min(self.opties.timeout, 10.0))
            except OSError as exc:  # requests' ConnectionError and Timeout are OSErrors
                fouten[url] = _eerste_regel(exc)
        return fouten

    def _headers(self, soapaction: str) -> dict[str, str]:
        if self.opties.soap == "1.2":
            return {"Content-Type": f'application/soap+xml; charset=utf-8; action="{soapaction}"'}
        return {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{soapaction}"'}


def _eerste_regel(exc: BaseException) -> str:
    """The root cause of a requests error, without its nested reprs (``Connection refused``)."""
    tekst = str(exc)
    for bekend in ("Connection refused", "Name or service not known", "timed out", "No route to host"):
        if bekend in tekst:
            return bekend
    return f"{type(exc).__name__}: {tekst[:200]}"
