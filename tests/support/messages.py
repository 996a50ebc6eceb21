"""The XML messages our tests send to the server: template files under ``tests/messages``.

A template is one bare SOAP body element (no envelope) with ``${naam}`` placeholders, stored as
``tests/messages/<familie>/<geval>.xml`` and named here without suffix, e.g.
``message("zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie="0000000000000042")``.
Filling goes through the one helper :mod:`rzs.compliance.templates` (values XML-escaped), with
:data:`DEFAULTS` for every placeholder not given.

Conventions of the template set:

* A name containing ``ongeldig`` is schema-INVALID on purpose (the oracle must reject it); every
  other template, filled with :data:`DEFAULTS`, is valid against the official schemas, even the
  ones the server must refuse for business reasons (``zonder_initiator``, ``onbekend_zaaktype``...).
* ``*.xml.raw`` files are NOT templates: complete SOAP 1.1 envelopes with deliberately hostile or
  broken bytes (DTD/XXE, billion laughs, malformed XML), returned unchanged by :func:`raw`.
* ``soap/envelope11.xml`` and ``soap/envelope12.xml`` are the envelopes :func:`envelope` wraps a
  body in; they are not message templates and :func:`all_templates` leaves them out.
* The ``zaken/updateZaak_*`` and ``zaken/actualiseerZaakstatus_*`` templates act on the zaak that
  ``zaken/creeerZaak_gezinsplan_uitgebreid`` creates: they use the same placeholders for its
  BSNs, medewerkers and vestigingen, so one set of values ties a scenario together.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from lxml import etree

from rzs import safexml
from rzs.compliance import templates

#: The six kinds of voorziening (docs/voorzieningen.md): one creeerZaak template each.
VOORZIENING_SOORTEN: tuple[str, ...] = (
    "creeerZaak_wmo_huishoudelijke_hulp",
    "creeerZaak_wmo_hulpmiddel_budget",
    "creeerZaak_wmo_vervoer",
    "creeerZaak_wmo_pgb",
    "creeerZaak_jeugd_ambulant",
    "creeerZaak_jeugd_verblijf",
)

MESSAGES_DIR: Path = Path(__file__).resolve().parent.parent / "messages"

#: Directory of the SOAP envelope templates (not message templates).
SOAP_DIR: Path = MESSAGES_DIR / "soap"

_SOAP_NS = {
    "1.1": "http://schemas.xmlsoap.org/soap/envelope/",
    "1.2": "http://www.w3.org/2003/05/soap-envelope",
}
_ENVELOPE_FILES = {"1.1": "envelope11.xml", "1.2": "envelope12.xml"}
#: The element in the envelope templates that :func:`envelope` replaces by the body.
ENVELOPE_MARKER = "{urn:stuf-rzs:tests:envelope}body"

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def elfproef(bsn: str) -> bool:
    """The BSN eleven test: 9 digits, sum(d1*9 .. d8*2) - d9 divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    digits = [int(c) for c in bsn]
    return (sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=False)) - digits[8]) % 11 == 0


#: A valid value for every placeholder used by the templates. BSNs pass the elfproef and are all
#: different (clients, belanghebbenden and the newly added belanghebbende never coincide);
#: identificaties carry the default gemeentecode ``0000`` (rzs.config) plus 12 digits;
#: vestigingsnummers are 12 digits; medewerker_1 is the regisseur (initiator).
#: ``zaak_identificatie`` is always the zaak the message itself is about (also in the creeerZaak of a
#: levensdomeinplan or deelplan); ``gezinsplan_identificatie`` / ``levensdomeinplan_identificatie``
#: only name parent zaken. The defaults are valid values, not a scenario: a test that creates zaken
#: passes its own (e.g. genereerZaakIdentificatie-issued) identificaties.
DEFAULTS: dict[str, str] = {
    # stuurgegevens
    "zender_organisatie": "0000",
    "zender_applicatie": "REGIE",
    "zender_gebruiker": "regisseur01",
    "ontvanger_organisatie": "0000",
    "ontvanger_applicatie": "RZS",
    "referentienummer": "REGIE-TEST-000001",
    "tijdstipBericht": "20240115101500000",
    # zaken
    "zaak_identificatie": "0000000000000100",
    "gezinsplan_identificatie": "0000000000000101",
    "levensdomeinplan_identificatie": "0000000000000102",
    # a zaak a plan-zaak must not point at (plannen/*: a second or wrong heeftBetrekkingOpAndere)
    "andere_zaak_identificatie": "0000000000000103",
    "omschrijving": "Gezinsplan familie Jansen",
    # zaken/updateZaak_omschrijving: oud (what creeerZaak stored) and huidig
    "omschrijving_oud": "Gezinsplan familie Jansen",
    "omschrijving_nieuw": "Gezinsplan familie Jansen-de Vries",
    "datum": "20240115",
    "datumStatusGezet": "20240115103000000",
    # natuurlijke personen (elfproef-valid)
    "bsn_1": "123456782",
    "bsn_2": "222333443",
    "bsn_3": "333444553",
    "bsn_belanghebbende_1": "444555663",
    "bsn_belanghebbende_2": "555666773",
    "bsn_belanghebbende_nieuw": "666777883",
    # plannen/*: a cliënt added by updateZaak; the cliënt who initiates a deelplan (bsn_1: a cliënt)
    "bsn_client_nieuw": "777888993",
    "bsn_initiator": "123456782",
    "client_omschrijving": "Client",
    # zaakdocumenten (documenten/*): inhoud is base64 of "Gezinsplan familie Jansen\n"
    "document_identificatie": "0000000000000200",
    "titel": "Gezinsplan familie Jansen",
    "titel_nieuw": "Gezinsplan familie Jansen, tweede versie",
    "bestandsnaam": "gezinsplan.pdf",
    "content_type": "application/pdf",
    "inhoud": "R2V6aW5zcGxhbiBmYW1pbGllIEphbnNlbgo=",
    "checked_out_id": "CHECKOUT-0001",
    "versie": "1",
    # RZS vrije berichten (rzs/*): notifications, triggers, overdracht, the subscriber's Bv03
    "gebeurtenis": "Creeer zaak",
    "zendende_naam": "zendendeApplicatie",
    "zendende_applicatie": "REGIE",
    "zaaktype_code": "GZP",
    "zaaktype_omschrijving": "Opstellen en uitvoeren gezinsplan",
    "status_volgnummer": "2",
    "status_omschrijving": "Gezinsplan opgesteld",
    "melding": "Graag behandelen",
    "crossRefnummer": "RZS-TEST-000001",
    "overdracht_antwoord": "Overdracht geaccepteerd",
    # besluiten (besluiten/*): a beschikking on a jeugdhulp zaak (zaaktype JGD); its verwerkingssoort
    # in leidtTot is T (a new besluit) or I (an existing one)
    "besluit_identificatie": "0000000000000300",
    "besluittype_omschrijving": "Beschikking jeugdhulp",
    "besluit_verwerkingssoort": "T",
    "einddatum_werking": "20241231",
    "toelichting": "Jeugdhulp toegekend voor een jaar",
    # medewerkers (medewerker_1 = regisseur/initiator)
    "medewerker_1": "MDW0001",
    "medewerker_2": "MDW0002",
    "medewerker_3": "MDW0003",
    # vestigingen (12-digit vestigingsnummers)
    "vestiging_1": "000012345678",
    "vestiging_2": "000023456789",
    "vestiging_nieuw": "000034567890",
}


def nieuwe_bsn() -> str:
    """A random elfproef-valid BSN that no default uses: a person no other test knows."""
    bekend = set(DEFAULTS.values())
    while True:
        cijfers = [secrets.randbelow(9) + 1, *(secrets.randbelow(10) for _ in range(7))]
        controle = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        bsn = "".join(map(str, cijfers)) + str(controle)
        if controle < 10 and bsn not in bekend:
            return bsn


def template_path(name: str) -> Path:
    """``"zaken/creeerZaak_gezinsplan_minimaal"`` -> ``tests/messages/zaken/<that name>.xml``."""
    path = MESSAGES_DIR / f"{name}.xml"
    if not path.is_file():
        raise FileNotFoundError(f"Geen berichttemplate {name!r} ({path})")
    return path


def placeholders(name: str) -> set[str]:
    """The ``${naam}`` placeholders used by a template."""
    return set(_PLACEHOLDER.findall(template_path(name).read_text(encoding="utf-8")))


def message(name: str, **values: object) -> bytes:
    """The template filled with :data:`DEFAULTS` overridden by ``values``, as UTF-8 bytes."""
    text = template_path(name).read_text(encoding="utf-8")
    return templates.render(text, {**DEFAULTS, **values})


def raw(name: str) -> bytes:
    """The bytes of ``tests/messages/<name>.xml.raw`` (hostile or broken input, never parsed here)."""
    path = MESSAGES_DIR / f"{name}.xml.raw"
    if not path.is_file():
        raise FileNotFoundError(f"Geen raw bericht {name!r} ({path})")
    return path.read_bytes()


def all_templates() -> list[str]:
    """Every message template name (sorted), without ``.raw`` files and the SOAP envelopes."""
    return sorted(
        path.relative_to(MESSAGES_DIR).with_suffix("").as_posix()
        for path in MESSAGES_DIR.rglob("*.xml")
        if path.parent != SOAP_DIR
    )


def envelope(body: bytes, soap: str = "1.1") -> bytes:
    """Wrap a body element (bytes of one XML element) in a SOAP 1.1 or 1.2 envelope."""
    if soap not in _ENVELOPE_FILES:
        raise ValueError(f"Onbekende SOAP-versie {soap!r} (verwacht '1.1' of '1.2')")
    root = safexml.parse_file(str(SOAP_DIR / _ENVELOPE_FILES[soap]))
    markers = list(root.iter(ENVELOPE_MARKER))
    if len(markers) != 1:
        raise ValueError(f"Envelope-template voor SOAP {soap} moet precies één marker bevatten")
    marker = markers[0]
    soap_body = marker.getparent()
    if soap_body is None or soap_body.tag != f"{{{_SOAP_NS[soap]}}}Body":
        raise ValueError(f"Marker staat niet in de SOAP {soap} Body")
    soap_body.replace(marker, safexml.parse(body))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
