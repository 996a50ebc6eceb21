"""The besluit (BSL): in the sociaal domein the beschikking on a zaak (zkn0310 BSL, ZDS 1.2 4.1.7-4.1.11).

A besluit has its own identificatie and lives on when it is unlinked from its zaak (``leidtTot``
verwerkingssoort V): the zaak is where it came from (``isUitkomstVan``, at most one), not its owner.
Dates are StUF dates (JJJJMMDD) as received.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from rzs.domain.zaaktype import Besluittype
from rzs.fouten import Bedrijfsregel

#: Attributes of a besluit that messages set, in zkn0310 order (BSL-basis), domain name -> element.
BESLUIT_ELEMENTEN: dict[str, str] = {
    "datum_beslissing": "datumBeslissing",
    "toelichting": "toelichting",
    "ingangsdatum_werking": "ingangsdatumWerking",
    "einddatum_werking": "einddatumWerking",
    "vervalreden": "vervalreden",
    "datum_publicatie": "datumPublicatie",
    "datum_verzending": "datumVerzending",
    "datum_uiterlijke_reactie": "datumUiterlijkeReactie",
}


@dataclass(slots=True)
class Besluit:
    identificatie: str
    besluittype: Besluittype
    #: Identificatie of the zaak the besluit is the outcome of (isUitkomstVan); None once unlinked.
    zaak: str | None = None
    datum_beslissing: str | None = None
    toelichting: str | None = None
    ingangsdatum_werking: str | None = None
    einddatum_werking: str | None = None
    vervalreden: str | None = None
    datum_publicatie: str | None = None
    datum_verzending: str | None = None
    datum_uiterlijke_reactie: str | None = None


#: The plain attribute names of Besluit, for the store (columns of the same name).
BESLUIT_ATTRIBUTEN = tuple(f.name for f in fields(Besluit) if f.name in BESLUIT_ELEMENTEN)


def controleer(besluit: Besluit, *, ingangsdatum_vereist: bool = False) -> None:
    """The rules every stored besluit meets (docs/errors.md, BSL-nn).

    BSL-01: an identificatie (ZDS 1.2 4.1.7 "altijd een geldige besluitidentificatie"), 1..40.
    BSL-02: a datumBeslissing (v in voegBesluitToe and in geefBesluitDetails' answer).
    BSL-03: voegBesluitToe also requires ingangsdatumWerking (ZDS 1.2 4.1.7, v).
    BSL-04: einddatumWerking is not before ingangsdatumWerking.
    """
    if not besluit.identificatie or len(besluit.identificatie) > 40:
        raise Bedrijfsregel("BSL-01: een besluit moet een identificatie van 1 tot 40 tekens hebben")
    if not besluit.datum_beslissing:
        raise Bedrijfsregel(f"BSL-02: besluit {besluit.identificatie} mist datumBeslissing")
    if ingangsdatum_vereist and not besluit.ingangsdatum_werking:
        raise Bedrijfsregel(f"BSL-03: besluit {besluit.identificatie} mist ingangsdatumWerking")
    begin, einde = besluit.ingangsdatum_werking, besluit.einddatum_werking
    if begin and einde and einde < begin:
        raise Bedrijfsregel(
            f"BSL-04: einddatumWerking van besluit {besluit.identificatie} ligt voor ingangsdatumWerking"
        )
