"""The ``oud`` object of a W kennisgeving compared with the registration (issue 11, item 1).

StUF 03.01 §5.2 defines ``oud`` as the values as they were ("A voor de waarden in oud", §5.2.1;
"te wijzigen elementen", Tabel 5.3): a sender that changes O0 into A says so by sending O0 in
oud. When the registration no longer holds O0, another message changed it in the meantime, or the
sender never knew it: applying huidig would silently undo someone else's change (a lost update).
The standard defines no code of its own for this; Tabel 5.8 has none that fits (StUF063/065 need
tijdvakGeldigheid/tijdstipRegistratie, which zaken here do not carry), so it is what Tabel 4.1 and
DIGEST g.8 prescribe for a message that cannot be processed: StUF058 with the reason in
``details``. The details name the differing elements, never their values (they may be person data).

Only what oud contains is compared: absent elements say nothing (c.7.2). An element with
``StUF:noValue="geenWaarde"`` says "was empty"; other noValues (``waardeOnbekend``, ...) say the
sender did not know, and are not compared. Relations are checked where they are applied: one
that must be removed, ended, replaced or changed must exist (StUF064), one that is added must not
exist yet (StUF067, ``zaken._voeg_toe``).

The caller reads the zaak under a row lock (``ZaakRepository.get_for_update``) in the same
transaction, so two updates of one zaak serialise: the second compares its oud with what the
first stored.
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.domain.zaak import Zaak
from rzs.fouten import Bedrijfsregel
from rzs.services import zaak_lezen as lezen
from rzs.services.velden import ZAAK_VELD
from rzs.stuf.novalue import NoValue, is_nil

#: Rule id in the details of the refusal (docs/errors.md).
REGEL = "UPD-01"


def controleer_oud(zaak: Zaak, oud: etree._Element) -> None:
    """Bedrijfsregel (StUF058) naming every element of ``oud`` that differs from ``zaak``."""
    afwijkend: list[str] = []
    groepen: dict[str, list[etree._Element]] = {}
    for element in oud:
        if not isinstance(element.tag, str) or ns.namespace_of(element.tag) != ns.ZKN:
            continue
        if element.get(ns.ENTITEITTYPE) is not None or _onbekend(element):
            continue  # relations: checked where they are applied
        naam = ns.local_name(element.tag)
        veld = ZAAK_VELD.get(naam)
        if veld is not None:
            if veld.attribuut != "identificatie" and (
                lezen.scalaire_waarde(element) != getattr(zaak, veld.attribuut)
            ):
                afwijkend.append(naam)
        else:
            groepen.setdefault(naam, []).append(element)
    afwijkend += [naam for naam, elementen in groepen.items() if not _zelfde_groep(zaak, naam, elementen)]
    if afwijkend:
        raise Bedrijfsregel(
            f"{REGEL}: oud komt niet overeen met de registratie van zaak {zaak.identificatie} "
            f"(gewijzigd door een ander bericht?): {', '.join(afwijkend)}"
        )


def _onbekend(element: etree._Element) -> bool:
    """nil with a noValue other than geenWaarde: the sender did not know the old value."""
    return is_nil(element) and element.get(ns.NOVALUE) != NoValue.GEEN_WAARDE.value


def _zelfde_groep(zaak: Zaak, naam: str, elementen: list[etree._Element]) -> bool:
    """Groups as stored (multi-valued groups as the whole set, StUF §5.2.4 "overige regels")."""
    if naam == "kenmerk":
        return lezen.lees_kenmerken(elementen) == zaak.kenmerken
    if naam == "anderZaakObject":
        # lokatie is stored as serialised XML whose prefixes depend on the message: not compared.
        gestuurd = lezen.lees_andere_zaakobjecten(elementen)
        return [(a.omschrijving, a.aanduiding, a.registratie) for a in gestuurd] == [
            (a.omschrijving, a.aanduiding, a.registratie) for a in zaak.andere_zaakobjecten
        ]
    if naam == "resultaat":
        return lezen.lees_resultaat(elementen[0]) == zaak.resultaat
    if naam == "opschorting":
        return lezen.lees_opschorting(elementen[0]) == zaak.opschorting
    if naam == "verlenging":
        return lezen.lees_verlenging(elementen[0]) == zaak.verlenging
    return True  # not a group of the zaak (schema validation has seen it)
