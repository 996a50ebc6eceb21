"""ZDS/RZS business rules every zaak must satisfy (DIGEST d.9, f.1, c.7.6).

Each rule raises :class:`~rzs.fouten.Bedrijfsregel` (StUF058) with a message that names the rule,
so a sender can tell which one it broke. Plan-zaak rules (BR-04..BR-10 for gezinsplan,
levensdomeinplan, deelplan) build on these.
"""

from __future__ import annotations

import re

from rzs.domain.betrokkenen import Rol
from rzs.domain.zaak import Status, Zaak
from rzs.domain.zaaktype import Statustype
from rzs.fouten import Bedrijfsregel

_VERBODEN_TEKENS = re.compile(r'[\\/"*?:<>|]')
_GEMEENTECODE = re.compile(r"^[0-9]{4}")


def controleer_identificatie(identificatie: str, *, soort: str = "zaak", strikt: bool = False) -> None:
    """BR-01 / f.1: 5..40 characters, none of ``\\ / " * ? : < > |`` (CMIS folder names), and in
    strict mode a four-digit gemeentecode prefix."""
    if not 5 <= len(identificatie) <= 40:
        raise Bedrijfsregel(f"BR-01: {soort}identificatie moet 5 tot 40 tekens lang zijn")
    if _VERBODEN_TEKENS.search(identificatie):
        raise Bedrijfsregel(f'BR-01: {soort}identificatie bevat een verboden teken (\\ / " * ? : < > |)')
    if strikt and not _GEMEENTECODE.match(identificatie):
        raise Bedrijfsregel(f"BR-01: {soort}identificatie moet beginnen met een viercijferige gemeentecode")


def controleer_nieuwe_zaak(zaak: Zaak) -> None:
    """BR-02 and the ZDS creeerZaak requirements (DIGEST f.4, d.3)."""
    ontbrekend = [
        naam
        for naam, waarde in (
            ("startdatum", zaak.startdatum),
            ("registratiedatum", zaak.registratiedatum),
            ("zaakniveau", zaak.zaakniveau),
            ("deelzakenIndicatie", zaak.deelzaken_indicatie),
        )
        if waarde is None
    ]
    if ontbrekend:
        raise Bedrijfsregel(f"BR-02: verplichte zaakgegevens ontbreken: {', '.join(ontbrekend)}")
    controleer_zaak(zaak)


def controleer_zaak(zaak: Zaak) -> None:
    """Rules that hold for every stored zaak, after creation and after every update (BR-04, BR-11)."""
    initiatoren = zaak.betrokkenen_met_rol(Rol.INITIATOR)
    if len(initiatoren) != 1:
        raise Bedrijfsregel(
            "BR-04: een zaak heeft precies één initiator (heeftAlsInitiator), "
            f"dit bericht geeft er {len(initiatoren)}"
        )
    if zaak.einddatum and zaak.startdatum and zaak.einddatum < zaak.startdatum:
        raise Bedrijfsregel("BR-02: einddatum ligt voor de startdatum")


def controleer_ongewijzigde_sleutels(oud: Zaak, nieuw: Zaak) -> None:
    """BR-11: identificatie and zaaktype of a zaak never change through updateZaak (DIGEST d.4)."""
    if oud.identificatie != nieuw.identificatie:
        raise Bedrijfsregel("BR-11: de identificatie van een zaak kan niet worden gewijzigd")
    if oud.zaaktype.code != nieuw.zaaktype.code:
        raise Bedrijfsregel("BR-11: het zaaktype van een zaak kan niet worden gewijzigd")


def zet_status(zaak: Zaak, statustype: Statustype, status: Status) -> None:
    """BR-12: record a status; reaching the eindstatus closes the zaak (einddatum), DIGEST c.7.6."""
    if any(
        s.volgnummer == status.volgnummer and s.datum_status_gezet == status.datum_status_gezet
        for s in zaak.statussen
    ):
        raise Bedrijfsregel(
            f"BR-12: de zaak heeft status {statustype.omschrijving!r} met dit datumStatusGezet al"
        )
    zaak.statussen.append(status)
    eindstatus = zaak.zaaktype.eindstatus
    if eindstatus is not None and statustype.volgnummer == eindstatus.volgnummer and zaak.einddatum is None:
        zaak.einddatum = status.datum_status_gezet[:8]
