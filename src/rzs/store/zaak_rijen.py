"""The zaak aggregate as plain rows, both ways: domain -> column dicts, rows -> domain.

Why plain rows and not ORM objects (issue 14): a creeerZaak of the extended gezinsplan is one
zaak row and a dozen child rows. As ORM objects that was 14 single-row INSERTs with savepoints and
a quarter of the message's CPU in SQLAlchemy's unit-of-work bookkeeping; as dicts it is one
executemany per child table. Loading is one SELECT per table for any number of zaken, and the rows
loaded are kept (:class:`Geladen`) so an update compares against them instead of loading again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Table, bindparam, delete, select
from sqlalchemy.orm import Session

from rzs.domain.betrokkenen import (
    Betrokkene,
    Gerelateerde,
    Medewerker,
    OrganisatorischeEenheid,
    Rol,
    Zaakobject,
)
from rzs.domain.zaak import (
    AnderZaakObject,
    Kenmerk,
    Opschorting,
    Resultaat,
    Status,
    Verlenging,
    Zaak,
    ZaakRelatie,
    ZaakRelatieSoort,
)
from rzs.domain.zaaktype import Zaaktype
from rzs.store import gerelateerden
from rzs.store.dialects import tabel
from rzs.store.models import (
    AnderZaakobjectRow,
    BetrokkeneRow,
    KenmerkRow,
    StatusRow,
    ZaakobjectRow,
    ZaakRelatieRow,
    ZaakRow,
)

ZAAK: Table = tabel(ZaakRow)

#: Plain columns of the zaak table with the same name and meaning as the attribute of Zaak.
SCALAIREN = (
    "startdatum",
    "registratiedatum",
    "omschrijving",
    "toelichting",
    "publicatiedatum",
    "einddatum_gepland",
    "uiterlijke_einddatum",
    "einddatum",
    "betalingsindicatie",
    "laatste_betaaldatum",
    "archiefnominatie",
    "datum_vernietiging_dossier",
    "zaakniveau",
    "deelzaken_indicatie",
)

Kolommen = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Kinderen:
    """One child collection: the attribute of Zaak, its table, and the mapping both ways."""

    attribuut: str
    tabel: Table
    naar_rij: Callable[[Any], Kolommen]
    uit_rij: Callable[[Row[Any]], Any]


@dataclass(frozen=True, slots=True)
class Geladen:
    """A zaak as it was loaded or written in this unit of work: its key and its child rows, as
    loaded (Row, turned into columns only when a save compares) or as written (columns)."""

    id: int
    zaaktype_id: int
    kinderen: Mapping[str, Sequence[Row[Any] | Kolommen]]

    def ongewijzigd(self, attribuut: str, nieuw: list[Kolommen]) -> bool:
        """Whether these rows are the ones of this collection (keys not counted)."""
        oud = self.kinderen[attribuut]
        return len(oud) == len(nieuw) and all(_kolommen(o) == n for o, n in zip(oud, nieuw, strict=True))


def zaak_kolommen(zaak: Zaak) -> Kolommen:
    """The zaak row's columns (all but id, identificatie and zaaktype_id)."""
    kolommen = {naam: getattr(zaak, naam) for naam in SCALAIREN}
    resultaat, opschorting, verlenging = zaak.resultaat, zaak.opschorting, zaak.verlenging
    kolommen.update(
        heeft_resultaat=resultaat is not None,
        resultaat_omschrijving=resultaat.omschrijving if resultaat else None,
        resultaat_toelichting=resultaat.toelichting if resultaat else None,
        opschorting_indicatie=opschorting.indicatie if opschorting else None,
        opschorting_reden=opschorting.reden if opschorting else None,
        verlenging_duur=verlenging.duur if verlenging else None,
        verlenging_reden=verlenging.reden if verlenging else None,
    )
    return kolommen


def kind_rijen(zaak: Zaak) -> dict[str, list[Kolommen]]:
    """Every child collection as rows without keys, in order (``volgorde``)."""
    return {
        kinderen.attribuut: [
            {"volgorde": i, **kinderen.naar_rij(item)}
            for i, item in enumerate(getattr(zaak, kinderen.attribuut))
        ]
        for kinderen in KINDEREN
    }


def voeg_kinderen_toe(session: Session, zaak_id: int, rijen: Mapping[str, list[Kolommen]]) -> None:
    """One executemany per child table that has rows."""
    for kinderen in KINDEREN:
        nieuw = rijen.get(kinderen.attribuut)
        if nieuw:
            session.execute(_INVOEGEN[kinderen.attribuut], [{"zaak_id": zaak_id, **rij} for rij in nieuw])


def vervang_kinderen(session: Session, zaak_id: int, rijen: Mapping[str, list[Kolommen]]) -> None:
    """Replace the child collections named in ``rijen`` as a whole (their order is state)."""
    for kinderen in KINDEREN:
        if kinderen.attribuut in rijen:
            session.execute(delete(kinderen.tabel).where(kinderen.tabel.c.zaak_id == zaak_id))
    voeg_kinderen_toe(session, zaak_id, rijen)


def laad(
    session: Session, zaken: Sequence[Row[Any]], zaaktype: Callable[[int], Zaaktype]
) -> list[tuple[Zaak, Geladen]]:
    """The aggregates of these zaak rows: one SELECT per child table for all of them together."""
    if not zaken:
        return []
    ids = [zaak.id for zaak in zaken]
    per_zaak: dict[int, dict[str, list[Row[Any]]]] = {i: {k.attribuut: [] for k in KINDEREN} for i in ids}
    for kinderen in KINDEREN:
        for rij in session.execute(_KIND_SELECTS[kinderen.attribuut], {"ids": ids}):
            per_zaak[rij.zaak_id][kinderen.attribuut].append(rij)
    resultaat = []
    for rij in zaken:
        kinderen_rijen = per_zaak[rij.id]
        zaak = _zaak(rij, zaaktype(rij.zaaktype_id), kinderen_rijen)
        resultaat.append((zaak, Geladen(rij.id, rij.zaaktype_id, kinderen_rijen)))
    return resultaat


def _kolommen(rij: Row[Any] | Kolommen) -> Kolommen:
    """Columns of a child row without its keys (id, zaak_id)."""
    if isinstance(rij, dict):
        return rij
    kolommen = dict(rij._mapping)
    del kolommen["id"], kolommen["zaak_id"]
    return kolommen


def _zaak(rij: Row[Any], zaaktype: Zaaktype, kinderen: Mapping[str, list[Row[Any]]]) -> Zaak:
    zaak = Zaak(
        identificatie=rij.identificatie,
        zaaktype=zaaktype,
        resultaat=(
            Resultaat(omschrijving=rij.resultaat_omschrijving, toelichting=rij.resultaat_toelichting)
            if rij.heeft_resultaat
            else None
        ),
        opschorting=(
            Opschorting(indicatie=rij.opschorting_indicatie, reden=rij.opschorting_reden)
            if rij.opschorting_indicatie is not None and rij.opschorting_reden is not None
            else None
        ),
        verlenging=(
            Verlenging(duur=rij.verlenging_duur, reden=rij.verlenging_reden)
            if rij.verlenging_duur is not None and rij.verlenging_reden is not None
            else None
        ),
    )
    for k in KINDEREN:
        setattr(zaak, k.attribuut, [k.uit_rij(r) for r in kinderen[k.attribuut]])
    for naam in SCALAIREN:
        setattr(zaak, naam, getattr(rij, naam))
    return zaak


# --- the child collections ---------------------------------------------------------------------


def _gerelateerde_kolommen(gerelateerde: Gerelateerde) -> Kolommen:
    return {
        "soort": gerelateerde.soort,
        "sleutel": gerelateerde.sleutel,
        "gegevens": gerelateerden.dump(gerelateerde),
    }


def _status_rij(status: Status) -> Kolommen:
    door = status.gezet_door
    return {
        "volgnummer": status.volgnummer,
        "omschrijving": status.omschrijving,
        "datum_status_gezet": status.datum_status_gezet,
        "toelichting": status.toelichting,
        "gezet_door_soort": door.soort if door else None,
        "gezet_door_sleutel": door.sleutel if door else None,
        "gezet_door_gegevens": gerelateerden.dump(door) if door else None,
    }


def _status(rij: Row[Any]) -> Status:
    gezet_door: Medewerker | OrganisatorischeEenheid | None = None
    if rij.gezet_door_soort is not None and rij.gezet_door_gegevens is not None:
        door = gerelateerden.load(rij.gezet_door_soort, rij.gezet_door_gegevens)
        if not isinstance(door, Medewerker | OrganisatorischeEenheid):
            raise ValueError(f"status.gezet_door of soort {rij.gezet_door_soort} is no MDW or OEH")
        gezet_door = door
    return Status(
        volgnummer=rij.volgnummer,
        omschrijving=rij.omschrijving,
        datum_status_gezet=rij.datum_status_gezet,
        toelichting=rij.toelichting,
        gezet_door=gezet_door,
    )


def _betrokkene_rij(b: Betrokkene) -> Kolommen:
    return {
        "rol": b.rol.value,
        "code": b.code,
        "omschrijving": b.omschrijving,
        "toelichting": b.toelichting,
        **_gerelateerde_kolommen(b.gerelateerde),
    }


def _betrokkene(rij: Row[Any]) -> Betrokkene:
    return Betrokkene(
        rol=Rol(rij.rol),
        gerelateerde=gerelateerden.load(rij.soort, rij.gegevens),
        code=rij.code,
        omschrijving=rij.omschrijving,
        toelichting=rij.toelichting,
    )


def _zaakobject_rij(z: Zaakobject) -> Kolommen:
    return {
        "element": gerelateerden.element(z.gerelateerde),
        "omschrijving": z.omschrijving,
        **_gerelateerde_kolommen(z.gerelateerde),
    }


def _ander_zaakobject_rij(a: AnderZaakObject) -> Kolommen:
    return {
        "omschrijving": a.omschrijving,
        "aanduiding": a.aanduiding,
        "lokatie": a.lokatie,
        "registratie": a.registratie,
    }


KINDEREN: tuple[Kinderen, ...] = (
    Kinderen("statussen", tabel(StatusRow), _status_rij, _status),
    Kinderen("betrokkenen", tabel(BetrokkeneRow), _betrokkene_rij, _betrokkene),
    Kinderen(
        "zaakobjecten",
        tabel(ZaakobjectRow),
        _zaakobject_rij,
        lambda r: Zaakobject(
            gerelateerde=gerelateerden.load(r.soort, r.gegevens), omschrijving=r.omschrijving
        ),
    ),
    Kinderen(
        "relaties",
        tabel(ZaakRelatieRow),
        lambda r: {"soort": r.soort.value, "gerelateerde_identificatie": r.identificatie},
        lambda r: ZaakRelatie(soort=ZaakRelatieSoort(r.soort), identificatie=r.gerelateerde_identificatie),
    ),
    Kinderen(
        "kenmerken",
        tabel(KenmerkRow),
        lambda k: {"kenmerk": k.kenmerk, "bron": k.bron},
        lambda r: Kenmerk(kenmerk=r.kenmerk, bron=r.bron),
    ),
    Kinderen(
        "andere_zaakobjecten",
        tabel(AnderZaakobjectRow),
        _ander_zaakobject_rij,
        lambda r: AnderZaakObject(
            omschrijving=r.omschrijving, aanduiding=r.aanduiding, lokatie=r.lokatie, registratie=r.registratie
        ),
    ),
)

#: Built once per process: the compiled-statement cache then serves every later load.
_KIND_SELECTS = {
    k.attribuut: select(k.tabel)
    .where(k.tabel.c.zaak_id.in_(bindparam("ids", expanding=True)))
    .order_by(k.tabel.c.zaak_id, k.tabel.c.volgorde)
    for k in KINDEREN
}
_INVOEGEN = {k.attribuut: k.tabel.insert() for k in KINDEREN}
