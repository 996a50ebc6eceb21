"""The generic pass criteria PC-1..PC-4 of SCENARIOS.md section 1, applied to every answer.

Each check returns a list of reasons (empty = passed); a reason names the rule, what was expected
and what arrived, so a vendor can fix it without reading the harness. Content checks that come
from scenario data live in :mod:`.inhoud`.

* PC-1 transport: HTTP 200 + the expected root, or HTTP 500 + a SOAP Fault with the StUF
  foutbericht in its detail and no faultactor (DIGEST c.11); the envelope version we sent.
* PC-2 schema: :func:`rzs.compliance.bronnen.schemafouten` (ours and the official set).
* PC-3 stuurgegevens: berichtcode, entiteittype/functie, zender/ontvanger swapped, own
  referentienummer, crossRefnummer = our referentienummer; Bv02/Fo02 carry only a berichtcode.
* PC-4 codes: Fo02 for synchronous, Fo03 for asynchronous operations; faultcode from plek.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from rzs import ns, safexml
from rzs.compliance.client import Uitwisseling

_SOAP_NS = {"1.1": ns.SOAP11, "1.2": ns.SOAP12}
_CONTENT_TYPE = {"1.1": "text/xml", "1.2": "application/soap+xml"}
_PREFIXEN = {"StUF": ns.STUF, "ZKN": ns.ZKN, "BG": ns.BG, "RZS": ns.RZS, "ZDS": ns.ZDS}
#: Answers whose stuurgegevens hold nothing but the berichtcode (DIGEST c.3).
_ALLEEN_BERICHTCODE = {"Bv02", "Fo02", "Bv04"}
#: Answers that must mirror zender/ontvanger and carry crossRefnummer (DIGEST c.3).
_GESPIEGELD = {"Bv01", "Bv03", "Fo01", "Fo03"}


@dataclass
class Antwoord:
    """The reply taken apart: the body's root element, or the fault and its StUF foutbericht."""

    envelope: etree._Element | None = None
    body: etree._Element | None = None
    fault: etree._Element | None = None
    fo: etree._Element | None = None


def ontleed(uitwisseling: Uitwisseling, soap: str) -> tuple[Antwoord, list[str]]:
    """PC-1: parse the reply envelope (hardened parser) and find body root / fault."""
    if uitwisseling.transportfout:
        return Antwoord(), [f"geen antwoord van {uitwisseling.url}: {uitwisseling.transportfout}"]
    try:
        envelope = safexml.parse(uitwisseling.antwoord)
    except safexml.OngeldigeXml as exc:
        begin = uitwisseling.antwoord[:120].decode("utf-8", "replace")
        return Antwoord(), [f"HTTP {uitwisseling.status}: antwoord is geen XML ({exc}); begint met {begin!r}"]
    verwacht = ns.qname(_SOAP_NS[soap], "Envelope")
    if envelope.tag != verwacht:
        soort = uitwisseling.content_type or "zonder Content-Type"
        return Antwoord(), [
            f"HTTP {uitwisseling.status} ({soort}): antwoord is geen SOAP {soap}-envelope: "
            f"root {ns.clark(envelope.tag)}, verwacht {verwacht}"
        ]
    body = envelope.find(ns.qname(_SOAP_NS[soap], "Body"))
    kinderen = [] if body is None else [k for k in body if isinstance(k.tag, str)]
    if len(kinderen) != 1:
        return Antwoord(envelope), [f"SOAP Body moet precies één element bevatten, bevat er {len(kinderen)}"]
    root = kinderen[0]
    if root.tag == ns.qname(_SOAP_NS[soap], "Fault"):
        fo = next(
            (e for e in root.iter() if isinstance(e.tag, str) and e.tag in _FO_BERICHTEN),
            None,
        )
        return Antwoord(envelope, None, root, fo), []
    return Antwoord(envelope, root), []


_FO_BERICHTEN = {ns.stuf("Fo01Bericht"), ns.stuf("Fo02Bericht"), ns.stuf("Fo03Bericht")}


def http(uitwisseling: Uitwisseling, antwoord: Antwoord, soap: str, *, stp_compat: bool) -> list[str]:
    """PC-1: status code and Content-Type fit the kind of answer (WS-I BP R1126, DIGEST g.26)."""
    redenen = []
    if antwoord.fault is not None:
        toegestaan = {500, 200} if stp_compat else {500}
        if uitwisseling.status not in toegestaan:
            redenen.append(
                f"SOAP Fault met HTTP {uitwisseling.status}; een fault hoort bij HTTP 500 "
                "(WS-I BP R1126, DIGEST c.11/g.26; HTTP 200 alleen met --stp-compat)"
            )
    elif antwoord.body is not None and uitwisseling.status != 200:
        redenen.append(f"geslaagd antwoord met HTTP {uitwisseling.status}; verwacht HTTP 200")
    soort = uitwisseling.content_type.split(";")[0].strip().lower()
    if soort != _CONTENT_TYPE[soap]:
        redenen.append(
            f"Content-Type {uitwisseling.content_type!r}; SOAP {soap} vraagt {_CONTENT_TYPE[soap]}"
        )
    return redenen


def verwachte_root(verzoek: etree._Element, berichtcode: str) -> str:
    """The answer's root for an expected berichtcode: StUF:Bv03Bericht, ZKN:zakLa01, ..._Du02."""
    if berichtcode.startswith(("Bv", "Fo")):
        return ns.stuf(f"{berichtcode}Bericht")
    naam = ns.local_name(verzoek.tag).replace("Lv01", "La01").replace("Di02", "Du02")
    return ns.qname(ns.namespace_of(verzoek.tag), naam)


def _stuurgegevens(element: etree._Element) -> etree._Element | None:
    return next(
        (k for k in element if isinstance(k.tag, str) and ns.local_name(k.tag) == "stuurgegevens"), None
    )


def _tekst(element: etree._Element | None, pad: str) -> str | None:
    if element is None:
        return None
    gevonden = element.find(pad, namespaces=_PREFIXEN)
    return None if gevonden is None else (gevonden.text or "")


def _systeem(sg: etree._Element | None, naam: str) -> tuple[str, str, str] | None:
    systeem = None if sg is None else sg.find(f"StUF:{naam}", namespaces=_PREFIXEN)
    if systeem is None:
        return None
    return tuple(  # type: ignore[return-value]
        _tekst(systeem, f"StUF:{deel}") or "" for deel in ("organisatie", "applicatie", "administratie")
    )


def _toon(systeem: tuple[str, str, str] | None) -> str:
    return "(afwezig)" if systeem is None else "/".join(d for d in systeem if d) or "(leeg)"


def stuurgegevens(verzoek: etree._Element, antwoord: etree._Element, berichtcode: str) -> list[str]:
    """PC-3 on the answer (or the foutbericht) to ``verzoek``."""
    sg_in, sg_uit = _stuurgegevens(verzoek), _stuurgegevens(antwoord)
    if sg_uit is None:
        return ["stuurgegevens ontbreken in het antwoord"]
    redenen = []
    code = _tekst(sg_uit, "StUF:berichtcode")
    if code != berichtcode:
        redenen.append(f"berichtcode {code!r}, verwacht {berichtcode!r}")
    if berichtcode in _ALLEEN_BERICHTCODE:
        extra = [ns.local_name(k.tag) for k in sg_uit if isinstance(k.tag, str)][1:]
        if extra:
            redenen.append(
                f"{berichtcode}: stuurgegevens mogen alleen berichtcode bevatten, ook: {', '.join(extra)}"
            )
        return redenen
    ref_in = _tekst(sg_in, "StUF:referentienummer")
    cross = _tekst(sg_uit, "StUF:crossRefnummer")
    verplicht = berichtcode in _GESPIEGELD
    if cross is None and verplicht:
        redenen.append(f"crossRefnummer ontbreekt (verwacht {ref_in!r}, DIGEST c.3)")
    elif cross is not None and cross != ref_in:
        redenen.append(f"crossRefnummer {cross!r} is niet het referentienummer van het verzoek {ref_in!r}")
    for naam, spiegel in (("zender", "ontvanger"), ("ontvanger", "zender")):
        uit, in_ = _systeem(sg_uit, naam), _systeem(sg_in, spiegel)
        if uit is None and not verplicht:
            continue
        if uit != in_:
            redenen.append(f"{naam} {_toon(uit)} is niet de {spiegel} van het verzoek {_toon(in_)}")
    ref_uit = _tekst(sg_uit, "StUF:referentienummer")
    if verplicht and not ref_uit:
        redenen.append("eigen referentienummer ontbreekt")
    elif ref_uit and ref_uit == ref_in:
        redenen.append(f"referentienummer {ref_uit!r} is dat van het verzoek; een antwoord heeft een eigen")
    if verplicht and not _tekst(sg_uit, "StUF:tijdstipBericht"):
        redenen.append("tijdstipBericht ontbreekt")
    for veld in ("entiteittype", "functie"):
        gevraagd = _tekst(sg_in, f"StUF:{veld}")
        if gevraagd is not None and not verplicht and _tekst(sg_uit, f"StUF:{veld}") != gevraagd:
            redenen.append(f"stuurgegevens/{veld} {_tekst(sg_uit, f'StUF:{veld}')!r}, verwacht {gevraagd!r}")
    return redenen


def entiteittypen(verzoek: etree._Element, antwoord: etree._Element) -> list[str]:
    """The objects in an La01/Du02 carry the entiteittype of the question (libxml2 skips fixed)."""
    verwacht = _tekst(_stuurgegevens(verzoek), "StUF:entiteittype")
    redenen = []
    for pad in ("ZKN:antwoord/ZKN:object", "ZDS:antwoord/ZKN:object", "ZKN:zaak", "ZKN:document"):
        for obj in antwoord.findall(pad, namespaces=_PREFIXEN):
            gevonden = obj.get(ns.ENTITEITTYPE)
            doel = verwacht or {"zaak": "ZAK", "document": "EDC"}.get(ns.local_name(obj.tag))
            if doel and gevonden != doel:
                redenen.append(f"{pad} heeft StUF:entiteittype {gevonden!r}, verwacht {doel!r}")
    return redenen


def foutbericht(antwoord: Antwoord, soap: str, *, synchroon: bool) -> tuple[str, list[str]]:
    """PC-1/PC-4 on a fault: a one-line summary and what is wrong with its form."""
    fault, fo = antwoord.fault, antwoord.fo
    assert fault is not None
    redenen = []
    if soap == "1.1":
        faultcode = (fault.findtext("faultcode") or "").strip()
        faultstring = (fault.findtext("faultstring") or "").strip()
        if fault.find("faultactor") is not None:
            redenen.append("SOAP Fault bevat een faultactor; StUF verbiedt die (DIGEST c.11)")
    else:
        faultcode = (fault.findtext(f"{{{ns.SOAP12}}}Code/{{{ns.SOAP12}}}Value") or "").strip()
        faultstring = (fault.findtext(f"{{{ns.SOAP12}}}Reason/{{{ns.SOAP12}}}Text") or "").strip()
    if fo is None:
        return f"SOAP Fault {faultcode}: {faultstring}", [
            *redenen,
            "SOAP Fault zonder StUF-foutbericht in detail",
        ]
    code = _tekst(fo, "StUF:body/StUF:code") or "?"
    plek = _tekst(fo, "StUF:body/StUF:plek") or "?"
    omschrijving = _tekst(fo, "StUF:body/StUF:omschrijving") or ""
    details = _tekst(fo, "StUF:body/StUF:details")
    samenvatting = f"{ns.local_name(fo.tag)[:4]} {code} ({plek}): {omschrijving}" + (
        f" — {details}" if details else ""
    )
    verwacht_fo = "Fo02" if synchroon else "Fo03"
    if ns.local_name(fo.tag) != f"{verwacht_fo}Bericht":
        soort = "synchrone" if synchroon else "asynchrone"
        redenen.append(f"{ns.local_name(fo.tag)} bij een {soort} operatie; verwacht {verwacht_fo}")
    verwacht_code = {
        "1.1": {"client": "Client", "server": "Server"},
        "1.2": {"client": "Sender", "server": "Receiver"},
    }[soap]
    if faultcode.rpartition(":")[2] != verwacht_code.get(plek, "?"):
        redenen.append(
            f"faultcode {faultcode!r} past niet bij plek {plek!r} (verwacht {verwacht_code.get(plek)})"
        )
    if faultstring != omschrijving:
        redenen.append(f"faultstring {faultstring!r} is niet de StUF-omschrijving {omschrijving!r}")
    return samenvatting, redenen
