"""Zaaktype and its statustypen, resultaattypen and documenttypen: the catalogue a zaak is checked
against (DIGEST e, BR-03, BR-12).

RZS zaaktypes are identified in messages by ``isVan/gerelateerde/code`` and ``omschrijving``;
the reference identificatie of appendix B/C does not fit ``ZKN:Code``, so codes are per-gemeente
configuration (DIGEST e.3, g.6). What kind of plan-zaak a zaaktype produces is its
:class:`PlanSoort`, never its code: that is what lets a gemeente rename GZP and LDP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class PlanSoort(StrEnum):
    """What kind of RZS plan-zaak a zaaktype produces (DIGEST d.1)."""

    GEZINSPLAN = "gezinsplan"
    LEVENSDOMEINPLAN = "levensdomeinplan"
    OVERIG = "overig"


@dataclass(frozen=True, slots=True)
class Statustype:
    volgnummer: int
    omschrijving: str
    #: Statustype code for notifications (DIGEST g.5): the volgnummer unless configured.
    code: str | None = None

    @property
    def effectieve_code(self) -> str:
        return self.code or str(self.volgnummer)


@dataclass(frozen=True, slots=True)
class Resultaattype:
    """A possible outcome of zaken of the zaaktype (RGBZ RESULTAATTYPE).

    Appendix B and C define none (DIGEST e.1, e.2); other sociaal-domein zaaktypen usually do.
    ``archiefnominatie`` (J/N) is what a zaak with this resultaat is to be archived as.
    """

    omschrijving: str
    omschrijving_generiek: str | None = None
    archiefnominatie: str | None = None


@dataclass(frozen=True, slots=True)
class Documenttype:
    """A kind of document zaken of the zaaktype may hold (RGBZ ZAAKTYPE-INFORMATIEOBJECTTYPE).

    The fields are the ``dct.*`` elements StUF-ZKN transmits with a document (``dct.omschrijving``,
    ``dct.omschrijvingGeneriek``, ``dct.categorie``), so a document can be matched on them.
    """

    omschrijving: str
    omschrijving_generiek: str | None = None
    categorie: str | None = None


@dataclass(frozen=True, slots=True)
class Besluittype:
    """A kind of besluit zaken of the zaaktype lead to (RGBZ ZAAKTYPE-BESLUITTYPE); in the sociaal
    domein the beschikking. Messages name it by ``bst.omschrijving`` (zkn0310 BSL, ZDS 1.2 4.1.7);
    the other fields are what a geefBesluitDetails answers about it (``bst.*``)."""

    omschrijving: str
    code: str | None = None
    omschrijving_generiek: str | None = None
    categorie: str | None = None


@dataclass(frozen=True, slots=True)
class AanvullendeNamespace:
    """A namespace zaken of the zaaktype may carry in ``StUF:aanvullendeElementen`` (StUF 03.01
    3.2.4.2, issue 9 "Catalogue"): which versions (the ``versie`` attribute of its container;
    empty accepts every version) and whether a creeerZaak must carry it."""

    namespace: str
    versies: tuple[str, ...] = ()
    verplicht: bool = False

    def accepteert(self, versie: str) -> bool:
        return not self.versies or versie in self.versies


@dataclass(frozen=True, slots=True)
class Zaaktype:
    code: str
    omschrijving: str
    plansoort: PlanSoort = PlanSoort.OVERIG
    ingangsdatum: str | None = None
    statustypen: tuple[Statustype, ...] = field(default_factory=tuple)
    resultaattypen: tuple[Resultaattype, ...] = field(default_factory=tuple)
    documenttypen: tuple[Documenttype, ...] = field(default_factory=tuple)
    besluittypen: tuple[Besluittype, ...] = field(default_factory=tuple)
    #: The aanvullende namespaces its zaken may carry; none = no aanvullendeElementen accepted.
    aanvullende_elementen: tuple[AanvullendeNamespace, ...] = field(default_factory=tuple)
    #: The domein (``WMO``/``JEUGD``) of the voorzieningen on its zaken (rule VZ-18); None = any.
    voorzieningdomein: str | None = None

    @property
    def is_plan(self) -> bool:
        """Gezinsplan or levensdomeinplan: zaken of this type are plan-zaken by themselves (DIGEST d.1)."""
        return self.plansoort is not PlanSoort.OVERIG

    @property
    def eindstatus(self) -> Statustype | None:
        """The statustype with the highest volgnummer closes the zaak (DIGEST c.7.6)."""
        return max(self.statustypen, key=lambda s: s.volgnummer, default=None)

    def aanvullende_namespace(self, namespace: str) -> AanvullendeNamespace | None:
        return next((a for a in self.aanvullende_elementen if a.namespace == namespace), None)

    def zoek_besluittype(self, omschrijving: str | None) -> Besluittype | None:
        """The besluittype a message names by ``bst.omschrijving`` (exact, as the catalogue spells it)."""
        return next((b for b in self.besluittypen if b.omschrijving == omschrijving), None)

    def zoek_statustype(self, volgnummer: int | None, omschrijving: str | None) -> Statustype | None:
        """Find a statustype by volgnummer and/or omschrijving; both must agree when both given."""
        for statustype in self.statustypen:
            if volgnummer is not None and statustype.volgnummer != volgnummer:
                continue
            if omschrijving is not None and statustype.omschrijving != omschrijving:
                continue
            if volgnummer is None and omschrijving is None:
                continue
            return statustype
        return None


@dataclass(frozen=True, slots=True)
class ZaaktypeVerwijzing:
    """The zaaktype as a message names it (``isVan/gerelateerde``): code and/or omschrijving."""

    code: str | None = None
    omschrijving: str | None = None
