"""From a SOAP request to a reply: route selection and the ONE place that turns errors into faults.

Route selection (DIGEST b.3): the normalised SOAPAction together with the body root QName selects
the operation; when the SOAPAction is empty, unknown or generic, or contradicts the body, a
content-based chooser (given by the service layer) decides. Every :class:`StufFout` raised
anywhere below becomes a Fo02/Fo03 in a SOAP Fault with HTTP 500; any other exception is logged
with a correlation id and answered as StUF058, never with a traceback.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lxml import etree

from rzs import ns, safexml
from rzs.fouten import OngeldigBericht, StufFout
from rzs.stuf import foutbericht
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.bericht import Route, Verzoek
from rzs.stuf.berichten import Afzender
from rzs.stuf.controle import Systeemcontrole
from rzs.stuf.validatie import Schema
from rzs.wire import envelope
from rzs.wire.envelope import SoapVersie

log = logging.getLogger(__name__)

#: Given the body and the route its SOAPAction names (None when the action is empty or unknown),
#: returns the route to use. The content wins when it contradicts the SOAPAction (DIGEST b.3).
Kiezer = Callable[[etree._Element, Route | None], Route | None]

_BEKENDE_NAMESPACES = {ns.ZKN, ns.RZS, ns.ZDS, ns.STUF}


@dataclass(frozen=True, slots=True)
class Antwoord:
    status: int
    content_type: str
    body: bytes


def normaliseer_soapaction(waarde: str | None) -> str:
    """SOAPAction as senders write it: quoted, unquoted, empty, with whitespace."""
    return (waarde or "").strip().strip('"').strip("'").strip()


class Dispatcher:
    def __init__(
        self,
        routes: Mapping[tuple[str, str], Route],
        kiezer: Kiezer,
        schema: Schema,
        afzender: Afzender,
        controle: Systeemcontrole,
        *,
        max_bytes: int = safexml.DEFAULT_MAX_BYTES,
    ) -> None:
        self.routes = routes
        self.kiezer = kiezer
        self.schema = schema
        self.afzender = afzender
        self.controle = controle
        self.max_bytes = max_bytes

    def verwerk(self, data: bytes, soapaction: str | None, content_type: str) -> Antwoord:
        begin = time.perf_counter()
        versie = envelope.versie_van_content_type(content_type)
        body: etree._Element | None = None
        route: Route | None = None
        stuurgegevens = None
        resultaat = "?"
        try:
            root = self._parse(data)
            versie, body = self._envelope(root)
            stuurgegevens = sg.lees(body)
            route = self._kies(normaliseer_soapaction(soapaction), body)
            self.schema.controleer(body)
            self.controle.controleer(stuurgegevens, asynchroon=not route.synchroon)
            verzoek = Verzoek(route.operatie, body, stuurgegevens, ns.namespace_of(body.tag) == ns.ZDS)
            antwoord = route.handler(verzoek)
            resultaat = ns.local_name(antwoord.tag)
            return Antwoord(200, versie.content_type, versie.envelope(antwoord))
        except StufFout as fout:
            resultaat = fout.code
            return self._fout(fout, versie, route, body, stuurgegevens)
        except Exception:
            correlatie = uuid.uuid4().hex[:12]
            log.exception("Onverwachte fout bij verwerken bericht (correlatie-id %s)", correlatie)
            resultaat = "StUF058"
            intern = StufFout(f"Interne fout bij de verwerking; correlatie-id {correlatie}", code="StUF058")
            return self._fout(intern, versie, route, body, stuurgegevens)
        finally:
            self._log(soapaction, route, stuurgegevens, resultaat, begin)

    def _parse(self, data: bytes) -> etree._Element:
        try:
            return safexml.parse(data, max_bytes=self.max_bytes)
        except safexml.OngeldigeXml as exc:
            raise OngeldigBericht(str(exc)) from None

    @staticmethod
    def _envelope(root: etree._Element) -> tuple[SoapVersie, etree._Element]:
        try:
            return envelope.lees(root)
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
        detail = foutbericht.bouw(fout, soort, stuurgegevens, self.afzender)
        reden = fout.foutcode.omschrijving
        body_bytes = versie.fault(client=fout.plek.value == "client", reden=reden, detail=detail)
        return Antwoord(500, versie.content_type, body_bytes)

    @staticmethod
    def _log(
        soapaction: str | None,
        route: Route | None,
        stuurgegevens: sg.Stuurgegevens | None,
        resultaat: str,
        begin: float,
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
            (time.perf_counter() - begin) * 1000,
        )
