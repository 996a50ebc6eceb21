"""From a SOAP request to a reply: route selection and the ONE place that turns errors into faults.

Route selection (DIGEST b.3): the normalised SOAPAction together with the body root QName selects
the operation; when the SOAPAction is empty, unknown or generic, or contradicts the body, a
content-based chooser (given by the service layer) decides. Every :class:`StufFout` raised
anywhere below becomes a Fo02/Fo03 in a SOAP Fault with HTTP 500; any other exception is logged
with a correlation id and answered as StUF058, never with a traceback.

Document content never passes through here as a whole: the request's arrives as files
(``inhoud.py``, ``mtom.py``) that live as long as the request, and a reply's is streamed from the
content store after the handler's transaction has ended (docs/architecture.md).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from rzs import logboek, metriek, ns, safexml
from rzs.fouten import OngeldigBericht, StufFout
from rzs.stuf import foutbericht, reparaties
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.autorisatie import OPEN, Autorisatie, Onderwerp, Toegang
from rzs.stuf.bericht import Route, Verzoek
from rzs.stuf.berichten import Afzender
from rzs.stuf.controle import Systeemcontrole
from rzs.stuf.tolerantie import Validatie
from rzs.wire import envelope, inhoud, mtom, uitvoer
from rzs.wire.envelope import SoapVersie
from rzs.wire.inhoud import Inhoudsbron, Ontvangst, Stroom

log = logging.getLogger(__name__)

#: Given the body and the route its SOAPAction names (None when the action is empty or unknown),
#: returns the route to use. The content wins when it contradicts the SOAPAction (DIGEST b.3).
Kiezer = Callable[[etree._Element, Route | None], Route | None]

_BEKENDE_NAMESPACES = {ns.ZKN, ns.RZS, ns.ZDS, ns.STUF}
#: The rule id that opens a fault's details (``BR-07a: ...``, ``VZ-12: ...``): logged as the refusal
#: reason. The rest of the details is not logged: it may quote element values (person data).
_REGEL_ID = re.compile(r"([A-Z]{2,4}-\d{1,3}[a-z]?):")


@dataclass(frozen=True, slots=True)
class Antwoord:
    status: int
    content_type: str
    body: bytes = b""
    #: A reply with document content: produced while it is sent, instead of ``body``.
    stroom: Stroom | None = None

    @property
    def lengte(self) -> int | None:
        """Content-Length; None for a reply streamed as it is serialised (``uitvoer.py``)."""
        return self.stroom.lengte if self.stroom is not None else len(self.body)


@dataclass(frozen=True, slots=True)
class Inhoudsinstellingen:
    """Document content (DIGEST f.3): where request content is spooled, how large a document may
    be, and where replies read stored content from."""

    spool_dir: Path
    max_document_bytes: int
    bron: Inhoudsbron


def normaliseer_soapaction(waarde: str | None) -> str:
    """SOAPAction as senders write it: quoted, unquoted, empty, with whitespace."""
    return (waarde or "").strip().strip('"').strip("'").strip()


class Dispatcher:
    def __init__(
        self,
        routes: Mapping[tuple[str, str], Route],
        kiezer: Kiezer,
        validatie: Validatie,
        afzender: Afzender,
        controle: Systeemcontrole,
        inhoud: Inhoudsinstellingen,
        *,
        max_bytes: int = safexml.DEFAULT_MAX_BYTES,
        begrepen_headers: frozenset[str] = frozenset(),
        autorisatie: Autorisatie | None = None,
    ) -> None:
        self.routes = routes
        self.autorisatie = autorisatie
        self.begrepen_headers = begrepen_headers
        self.kiezer = kiezer
        self.validatie = validatie
        self.afzender = afzender
        self.controle = controle
        self.inhoud = inhoud
        self.max_bytes = max_bytes

    @property
    def max_request_bytes(self) -> int:
        """The most we read of one request: the message plus base64 of two documents (an
        updateZaakdocument may carry oud and huidig), with room to spare for MIME headers."""
        return self.max_bytes + 3 * self.inhoud.max_document_bytes + (1 << 20)

    def verwerk(
        self,
        invoer: Iterable[bytes],
        soapaction: str | None,
        content_type: str,
        certificaat: Onderwerp | None = None,
    ) -> Antwoord:
        """Handle one request whose body arrives as ``invoer`` (chunks, read while parsing);
        ``certificaat``: the verified client certificate's subject, if any (``wire/tls.py``)."""
        begin = time.perf_counter()
        gelezen = _Teller()
        invoer = gelezen.tel(invoer)
        versie = envelope.versie_van_content_type(content_type)
        body: etree._Element | None = None
        route: Route | None = None
        stuurgegevens = None
        resultaat = "?"
        weigering = ""
        ontvangst = Ontvangst(self.inhoud.spool_dir, self.inhoud.max_document_bytes)
        try:
            root = self._parse(invoer, content_type, ontvangst)
            versie, body = self._envelope(root)
            stuurgegevens = sg.lees(body)
            route = self._kies(normaliseer_soapaction(soapaction), body)
            gevalideerd = self.validatie.controleer(
                body, zender=stuurgegevens.zender if stuurgegevens else None, operatie=route.operatie
            )
            self.controle.controleer(stuurgegevens, asynchroon=not route.synchroon)
            toegang = self._toegang(stuurgegevens, route, certificaat)
            verzoek = Verzoek(
                route.operatie,
                gevalideerd.body,
                stuurgegevens,
                ns.namespace_of(body.tag) == ns.ZDS,
                bijlagen=ontvangst.bijlagen,
                toegang=toegang,
            )
            antwoord = route.handler(verzoek)
            reparaties.meld(antwoord, gevalideerd.reparaties)
            resultaat = ns.local_name(antwoord.tag)
            return self._antwoord(versie, antwoord, als_mtom=mtom.is_mtom(content_type))
        except StufFout as fout:
            resultaat = fout.code
            regel = _REGEL_ID.match(fout.details or "")
            weigering = f" plek={fout.plek.value} regel={regel.group(1) if regel else '-'}"
            return self._fout(fout, versie, route, body, stuurgegevens)
        except envelope.NietBegrepenHeaders as fout:
            # A SOAP fault, not a StUF one: the message was never read (SOAP 1.1 §4.2.3).
            resultaat = "MustUnderstand"
            return Antwoord(500, fout.versie.content_type, fout.versie.must_understand_fault(fout.blokken))
        except Exception:
            log.exception("Onverwachte fout bij verwerken bericht (correlatie-id %s)", logboek.verzoek_id())
            resultaat = "StUF058"
            weigering = " plek=server regel=intern"
            intern = StufFout("Interne fout bij de verwerking", code="StUF058")
            return self._fout(intern, versie, route, body, stuurgegevens)
        finally:
            duur = time.perf_counter() - begin
            _tel(route.operatie if route else "-", resultaat, duur, gelezen.aantal, ontvangst)
            ontvangst.sluit()
            self._log(soapaction, route, stuurgegevens, resultaat + weigering, duur)

    def _toegang(
        self, stuurgegevens: sg.Stuurgegevens | None, route: Route, certificaat: Onderwerp | None
    ) -> Toegang:
        """The policy's verdict (StUF052, DIGEST a.4) after the stuurgegevens checks; without a
        policy everything is open."""
        if self.autorisatie is None:
            return OPEN
        zender = stuurgegevens.zender if stuurgegevens else None
        return self.autorisatie.controleer(zender, route.operatie, certificaat)

    def _parse(self, invoer: Iterable[bytes], content_type: str, ontvangst: Ontvangst) -> etree._Element:
        try:
            if mtom.is_mtom(content_type):
                return mtom.lees(invoer, content_type, ontvangst, max_bytes=self.max_bytes)
            return inhoud.lees_xml(invoer, ontvangst, max_bytes=self.max_bytes)
        except safexml.OngeldigeXml as exc:
            raise OngeldigBericht(str(exc)) from None

    def _antwoord(self, versie: SoapVersie, antwoord: etree._Element, *, als_mtom: bool) -> Antwoord:
        """The reply envelope; with document content streamed from the store, as MTOM when the
        request was MTOM (DIGEST f.3: replies inline by default)."""
        elementen = inhoud.met_inhoud(antwoord)
        if not elementen and uitvoer.groot(antwoord):
            stroom = Stroom(None, uitvoer.envelope_stroom(versie.namespace, antwoord))
            return Antwoord(200, versie.content_type, stroom=stroom)
        if not elementen:
            return Antwoord(200, versie.content_type, versie.envelope(antwoord))
        if als_mtom:
            content_type, stroom = mtom.mtom_antwoord(versie, antwoord, elementen, self.inhoud.bron)
            return Antwoord(200, content_type, stroom=stroom)
        stroom = inhoud.inline_antwoord(versie, antwoord, elementen, self.inhoud.bron)
        return Antwoord(200, versie.content_type, stroom=stroom)

    def _envelope(self, root: etree._Element) -> tuple[SoapVersie, etree._Element]:
        try:
            return envelope.lees(root, self.begrepen_headers)
        except envelope.GeenSoapEnvelope as exc:
            raise OngeldigBericht(str(exc)) from None

    def _kies(self, soapaction: str, body: etree._Element) -> Route:
        route = self.kiezer(body, self.routes.get((soapaction, ns.clark(body.tag))))
        if route is not None:
            return route
        if ns.namespace_of(body.tag) not in _BEKENDE_NAMESPACES:
            raise StufFout(
                f"Berichten in namespace {ns.namespace_of(body.tag)!r} worden niet ondersteund",
                code="StUF004",
            )
        raise OngeldigBericht(f"Onbekend bericht {ns.local_name(body.tag)} (SOAPAction {soapaction!r})")

    def _fout(
        self,
        fout: StufFout,
        versie: SoapVersie,
        route: Route | None,
        body: etree._Element | None,
        stuurgegevens: sg.Stuurgegevens | None,
    ) -> Antwoord:
        if route is not None:
            soort = foutbericht.Foutsoort.FO02 if route.synchroon else foutbericht.Foutsoort.FO03
        else:
            soort = foutbericht.soort_voor(stuurgegevens.berichtcode if stuurgegevens else None)
        metriek.FOUTEN.labels(fout.code).inc()
        detail = foutbericht.bouw(fout, soort, stuurgegevens, self.afzender, logboek.verzoek_id())
        reden = fout.foutcode.omschrijving
        body_bytes = versie.fault(client=fout.plek.value == "client", reden=reden, detail=detail)
        return Antwoord(500, versie.content_type, body_bytes)

    @staticmethod
    def _log(
        soapaction: str | None,
        route: Route | None,
        stuurgegevens: sg.Stuurgegevens | None,
        resultaat: str,
        duur: float,
    ) -> None:
        zender = stuurgegevens.zender if stuurgegevens else None
        log.info(
            "bericht soapaction=%s operatie=%s berichtcode=%s referentienummer=%s zender=%s/%s "
            "resultaat=%s ms=%.1f",
            normaliseer_soapaction(soapaction) or "-",
            route.operatie if route else "-",
            stuurgegevens.berichtcode if stuurgegevens else "-",
            stuurgegevens.referentienummer if stuurgegevens else "-",
            zender.organisatie if zender else "-",
            zender.applicatie if zender else "-",
            resultaat,
            duur * 1000,
        )


def _tel(operatie: str, resultaat: str, duur: float, grootte: int, ontvangst: Ontvangst) -> None:
    """The metrics of one request (``rzs.metriek``)."""
    metriek.VERZOEKEN.labels(operatie, resultaat).inc()
    metriek.DUUR.labels(operatie).observe(duur)
    metriek.BERICHTGROOTTE.observe(grootte)
    for bijlage in ontvangst.bijlagen.values():
        metriek.DOCUMENTGROOTTE.observe(bijlage.grootte)


class _Teller:
    """Counts the bytes of a request body as the parser reads it (``rzs_bericht_bytes``)."""

    def __init__(self) -> None:
        self.aantal = 0

    def tel(self, invoer: Iterable[bytes]) -> Iterator[bytes]:
        for stuk in invoer:
            self.aantal += len(stuk)
            yield stuk
