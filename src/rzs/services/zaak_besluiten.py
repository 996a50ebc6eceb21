"""A zaak's ``leidtTot`` (ZAKBSL) in creeerZaak and updateZaak, and reading BSL elements.

In a zaak kennisgeving the gerelateerde BSL carries only its kerngegevens (identificatie,
bst.omschrijving, datumBeslissing; zkn0310 BSL-kerngegevens). Its verwerkingssoort says what is
meant: ``T`` a new besluit the zaak leads to, ``I`` an existing one to link (the corpus' "koppelen
besluit aan zaak" updateZaak). The relation's own verwerkingssoort follows StUF 5.2 as for every
other relation (DIGEST c.7.3): T links, V/E unlink (the besluit itself stays), R replaces, W changes
the besluit's kerngegevens, I identifies only.
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.domain import besluit as besluitregels
from rzs.domain.besluit import BESLUIT_ELEMENTEN, Besluit
from rzs.domain.zaaktype import Besluittype, Zaaktype
from rzs.fouten import Bedrijfsregel, ObjectBestaatAl, ObjectNietGevonden, OngeldigBericht
from rzs.services.context import Context
from rzs.services.zaak_lezen import tekst
from rzs.stuf.mutaties import Relatiemutatie
from rzs.stuf.novalue import is_nil, waarde


def lees_waarden(element: etree._Element) -> dict[str, str | None]:
    """The besluit attributes present in a BSL element: {domain attribute: value, None = emptied}."""
    return {
        attribuut: waarde(gevonden)
        for attribuut, naam in BESLUIT_ELEMENTEN.items()
        if (gevonden := element.find(ns.zkn(naam))) is not None
    }


def besluittype(omschrijving: str | None, zaaktype: Zaaktype) -> Besluittype:
    """BSL-05: the besluittype a message names must be one of the zaak's zaaktype (catalogue)."""
    if not omschrijving:
        raise Bedrijfsregel("BSL-05: een besluit moet een besluittype hebben (bst.omschrijving)")
    gevonden = zaaktype.zoek_besluittype(omschrijving)
    if gevonden is None:
        raise Bedrijfsregel(
            f"BSL-05: besluittype {omschrijving} is niet bekend bij zaaktype {zaaktype.code} in de catalogus"
        )
    return gevonden


def nieuw_besluit(
    element: etree._Element, zaak: str, zaaktype: Zaaktype, ctx: Context, *, ingangsdatum_vereist: bool
) -> Besluit:
    """A new besluit from a BSL element, checked (BSL-01..05) and not yet stored (StUF067 if taken)."""
    identificatie = tekst(element, "identificatie") or ""
    if identificatie and ctx.repos.besluiten.exists(identificatie):
        raise ObjectBestaatAl(f"Besluit {identificatie} bestaat al")
    besluit = Besluit(
        identificatie=identificatie,
        besluittype=besluittype(tekst(element, "bst.omschrijving"), zaaktype),
        zaak=zaak,
        **lees_waarden(element),
    )
    besluitregels.controleer(besluit, ingangsdatum_vereist=ingangsdatum_vereist)
    return besluit


class Besluitkoppelingen:
    """The besluiten one zaak message touches, applied in memory and stored after the zaak."""

    def __init__(self, zaak: str, zaaktype: Zaaktype, ctx: Context) -> None:
        self._zaak, self._zaaktype, self._ctx = zaak, zaaktype, ctx
        self._besluiten: dict[str, Besluit] = {}
        self._nieuw: set[str] = set()

    def pas_toe(self, mutatie: Relatiemutatie) -> None:
        soort = mutatie.verwerkingssoort
        if soort == "I":
            return
        if soort not in {"T", "V", "E", "R", "W"}:
            raise OngeldigBericht(f"Verwerkingssoort {soort!r} is niet toegestaan op relatie leidtTot")
        if soort in {"V", "E", "R"}:
            if mutatie.oud is None:
                raise OngeldigBericht(f"Relatie leidtTot met verwerkingssoort {soort} mist de oude relatie")
            self.ontkoppel(mutatie.oud)
        if soort in {"T", "R", "W"}:
            if mutatie.huidig is None:
                raise OngeldigBericht(f"Relatie leidtTot met verwerkingssoort {soort} mist de nieuwe relatie")
            if soort == "W":
                self._wijzig(mutatie.huidig)
            else:
                self.koppel(mutatie.huidig)

    def koppel(self, relatie: etree._Element) -> None:
        """leidtTot T: a new besluit (gerelateerde T) or an existing one (I) becomes this zaak's."""
        if is_nil(relatie) and len(relatie) == 0:
            return  # an empty placeholder: no besluit
        gerelateerde = _gerelateerde(relatie)
        if gerelateerde.get(ns.VERWERKINGSSOORT) == "T":
            besluit = nieuw_besluit(
                gerelateerde, self._zaak, self._zaaktype, self._ctx, ingangsdatum_vereist=False
            )
            if besluit.identificatie in self._besluiten:
                raise ObjectBestaatAl(f"Besluit {besluit.identificatie} bestaat al")
            self._besluiten[besluit.identificatie] = besluit
            self._nieuw.add(besluit.identificatie)
            return
        besluit = self._laad(gerelateerde)
        if besluit.zaak not in {None, self._zaak}:
            raise Bedrijfsregel(
                f"BSL-06: besluit {besluit.identificatie} is al de uitkomst van zaak {besluit.zaak}"
            )
        besluit.zaak = self._zaak

    def ontkoppel(self, relatie: etree._Element) -> None:
        besluit = self._laad(_gerelateerde(relatie))
        if besluit.zaak != self._zaak:
            raise ObjectNietGevonden(f"Relatie leidtTot met besluit {besluit.identificatie} bestaat niet")
        besluit.zaak = None

    def _wijzig(self, relatie: etree._Element) -> None:
        gerelateerde = _gerelateerde(relatie)
        besluit = self._laad(gerelateerde)
        if besluit.zaak != self._zaak:
            raise ObjectNietGevonden(f"Relatie leidtTot met besluit {besluit.identificatie} bestaat niet")
        if gerelateerde.find(ns.zkn("bst.omschrijving")) is not None:
            besluit.besluittype = besluittype(tekst(gerelateerde, "bst.omschrijving"), self._zaaktype)
        for attribuut, nieuwe_waarde in lees_waarden(gerelateerde).items():
            setattr(besluit, attribuut, nieuwe_waarde)
        besluitregels.controleer(besluit)

    def _laad(self, gerelateerde: etree._Element) -> Besluit:
        identificatie = tekst(gerelateerde, "identificatie")
        if not identificatie:
            raise OngeldigBericht("Relatie leidtTot: gerelateerde besluit zonder identificatie")
        if identificatie not in self._besluiten:
            besluit = self._ctx.repos.besluiten.get_for_update(identificatie)
            if besluit is None:
                raise ObjectNietGevonden(f"Besluit {identificatie} bestaat niet")
            self._besluiten[identificatie] = besluit
        return self._besluiten[identificatie]

    def sla_op(self) -> None:
        """Store what changed; runs after the zaak is stored (a new besluit points at its row)."""
        for identificatie, besluit in self._besluiten.items():
            if identificatie in self._nieuw:
                self._ctx.repos.besluiten.add(besluit)
            else:
                self._ctx.repos.besluiten.save(besluit)


def _gerelateerde(relatie: etree._Element) -> etree._Element:
    gerelateerde = relatie.find(ns.zkn("gerelateerde"))
    if gerelateerde is None or is_nil(gerelateerde):
        raise OngeldigBericht("Relatie leidtTot heeft geen gerelateerde besluit")
    return gerelateerde
