"""The zaak aggregate in and out of the database, as the domain dataclass ``rzs.domain.zaak.Zaak``.

Services read a zaak, let the domain apply the message (oud/huidig, DIGEST c.7.3), and hand the
complete new state back to :meth:`ZaakRepository.save`; the repository never merges field by
field, so there is one place that decides what an update means: the domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

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
from rzs.fouten import ObjectBestaatAl, ObjectNietGevonden
from rzs.store import gerelateerden
from rzs.store.models import (
    AnderZaakobjectRow,
    BetrokkeneRow,
    KenmerkRow,
    StatusRow,
    ZaakobjectRow,
    ZaakRelatieRow,
    ZaakRow,
    ZaaktypeRow,
)
from rzs.store.protocol import Inzage, bsns_van
from rzs.store.voorzieningen import VoorzieningSelectie, zaken_met_voorziening
from rzs.store.zaaktypen import zaaktype_from_row


@dataclass(frozen=True, slots=True)
class ZaakSelectie:
    """What a zaak-vraag (zakLv01) asks for; the given criteria must all hold."""

    identificatie: str | None = None
    #: Matches a natuurlijk persoon (soort NPS) as zaakobject or as betrokkene in any role.
    bsn: str | None = None
    zaaktype_code: str | None = None
    #: Only zaken with a voorziening matching it (integraal klantbeeld, docs/voorzieningen.md).
    voorziening: VoorzieningSelectie | None = None
    maximum: int = 100


#: Plain columns of ZaakRow with the same name and meaning as the attribute of Zaak.
_SCALAR_FIELDS = (
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


class ZaakRepository:
    """Every zaak loaded or written is reported to the unit of work's :class:`Inzage` (protocollering:
    the repositories are the single read path, so no handler can forget it)."""

    def __init__(self, session: Session, inzage: Inzage) -> None:
        self._session = session
        self._inzage = inzage

    def exists(self, identificatie: str) -> bool:
        statement = select(ZaakRow.id).where(ZaakRow.identificatie == identificatie)
        return self._session.scalars(statement).first() is not None

    def zaaktype_code(self, identificatie: str) -> str | None:
        """The zaaktype code of a zaak without loading it (authorisation, choosing subscribers)."""
        statement = (
            select(ZaaktypeRow.code).join(ZaakRow.zaaktype).where(ZaakRow.identificatie == identificatie)
        )
        return self._session.scalars(statement).first()

    def get(self, identificatie: str) -> Zaak | None:
        row = self._session.scalars(_select_zaken().where(ZaakRow.identificatie == identificatie)).first()
        return self._inzage.geladen(_zaak_from_row(row)) if row is not None else None

    def get_for_update(self, identificatie: str) -> Zaak | None:
        """As :meth:`get`, and no other transaction may change the zaak until this one ends.

        For a read-modify-write (updateZaak, actualiseerZaakstatus): on PostgreSQL this is
        ``SELECT ... FOR UPDATE`` of the zaak row; SQLite ignores the clause, which is fine
        because its BEGIN IMMEDIATE already lets only one writing transaction run at a time.
        """
        statement = (
            _select_zaken()
            .where(ZaakRow.identificatie == identificatie)
            .with_for_update(of=ZaakRow)
            .execution_options(populate_existing=True)
        )
        row = self._session.scalars(statement).first()
        return self._inzage.geladen(_zaak_from_row(row)) if row is not None else None

    def add(self, zaak: Zaak) -> None:
        """Store a new zaak; ObjectBestaatAl (StUF067) if its identificatie is taken.

        The check before the insert gives the common answer; the unique constraint catches the
        race where another transaction inserts the same identificatie between check and commit.
        The insert runs in a savepoint so the caller's transaction stays usable after that error.
        """
        zaaktype = self._zaaktype_row(zaak.zaaktype.code)
        self._inzage.zaak(zaak.identificatie, bsns_van(zaak), bestond=False)
        if self.exists(zaak.identificatie):
            raise ObjectBestaatAl(f"Zaak {zaak.identificatie} bestaat al")
        row = ZaakRow(identificatie=zaak.identificatie, zaaktype=zaaktype)
        _write_scalars(row, zaak)
        for collection, new_rows in _child_rows(zaak).items():
            setattr(row, collection, new_rows)
        self._session.flush()
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError as error:
            if self.exists(zaak.identificatie):
                raise ObjectBestaatAl(f"Zaak {zaak.identificatie} bestaat al") from error
            raise

    def save(self, zaak: Zaak) -> None:
        """Persist the complete new state of an existing zaak.

        Child collections that changed are replaced as a whole (their order is part of the
        state); unchanged ones are left alone so their rows keep their keys.
        """
        row = self._session.scalars(
            _select_zaken().where(ZaakRow.identificatie == zaak.identificatie)
        ).first()
        if row is None:
            raise ObjectNietGevonden(f"Zaak {zaak.identificatie} niet gevonden")
        current = self._inzage.geladen(_zaak_from_row(row))
        self._inzage.zaak(zaak.identificatie, bsns_van(zaak))
        if row.zaaktype.code != zaak.zaaktype.code:
            row.zaaktype = self._zaaktype_row(zaak.zaaktype.code)
        _write_scalars(row, zaak)
        for collection, new_rows in _child_rows(zaak).items():
            if getattr(current, collection) != getattr(zaak, collection):
                setattr(row, collection, new_rows)
        self._session.flush()

    def zoek(self, selectie: ZaakSelectie) -> list[Zaak]:
        """Zaken matching every given criterion, ordered by identificatie, at most ``maximum``."""
        statement = _select_zaken().order_by(ZaakRow.identificatie).limit(selectie.maximum)
        if selectie.identificatie is not None:
            statement = statement.where(ZaakRow.identificatie == selectie.identificatie)
        if selectie.zaaktype_code is not None:
            statement = statement.join(ZaakRow.zaaktype).where(ZaaktypeRow.code == selectie.zaaktype_code)
        if selectie.bsn is not None:
            # Two indexed (soort, sleutel) lookups; the bsn is the NPS kerngegeven (DIGEST c.7.3).
            als_zaakobject = select(ZaakobjectRow.zaak_id).where(
                ZaakobjectRow.soort == "NPS", ZaakobjectRow.sleutel == selectie.bsn
            )
            als_betrokkene = select(BetrokkeneRow.zaak_id).where(
                BetrokkeneRow.soort == "NPS", BetrokkeneRow.sleutel == selectie.bsn
            )
            statement = statement.where(or_(ZaakRow.id.in_(als_zaakobject), ZaakRow.id.in_(als_betrokkene)))
        if selectie.voorziening is not None:
            statement = statement.where(ZaakRow.id.in_(zaken_met_voorziening(selectie.voorziening)))
        return [self._inzage.geladen(_zaak_from_row(row)) for row in self._session.scalars(statement)]

    def _zaaktype_row(self, code: str) -> ZaaktypeRow:
        row = self._session.scalars(select(ZaaktypeRow).where(ZaaktypeRow.code == code)).first()
        if row is None:
            raise ObjectNietGevonden(f"Zaaktype {code} staat niet in de catalogus")
        return row


def _select_zaken() -> Select[ZaakRow]:
    """Zaken with the whole aggregate loaded up front: one query per table, not per zaak."""
    options: list[LoaderOption] = [
        selectinload(ZaakRow.zaaktype).selectinload(ZaaktypeRow.statustypen),
        selectinload(ZaakRow.zaaktype).selectinload(ZaaktypeRow.resultaattypen),
        selectinload(ZaakRow.zaaktype).selectinload(ZaaktypeRow.documenttypen),
        selectinload(ZaakRow.zaaktype).selectinload(ZaaktypeRow.besluittypen),
        selectinload(ZaakRow.statussen),
        selectinload(ZaakRow.betrokkenen),
        selectinload(ZaakRow.zaakobjecten),
        selectinload(ZaakRow.relaties),
        selectinload(ZaakRow.kenmerken),
        selectinload(ZaakRow.andere_zaakobjecten),
    ]
    return select(ZaakRow).options(*options)


# --- domain -> rows --------------------------------------------------------------------------


def _write_scalars(row: ZaakRow, zaak: Zaak) -> None:
    for name in _SCALAR_FIELDS:
        setattr(row, name, getattr(zaak, name))
    row.heeft_resultaat = zaak.resultaat is not None
    row.resultaat_omschrijving = zaak.resultaat.omschrijving if zaak.resultaat else None
    row.resultaat_toelichting = zaak.resultaat.toelichting if zaak.resultaat else None
    row.opschorting_indicatie = zaak.opschorting.indicatie if zaak.opschorting else None
    row.opschorting_reden = zaak.opschorting.reden if zaak.opschorting else None
    row.verlenging_duur = zaak.verlenging.duur if zaak.verlenging else None
    row.verlenging_reden = zaak.verlenging.reden if zaak.verlenging else None


def _child_rows(zaak: Zaak) -> dict[str, list[Any]]:
    """New rows for every child collection, keyed by the name shared by Zaak and ZaakRow."""
    return {
        "statussen": [_status_row(i, status) for i, status in enumerate(zaak.statussen)],
        "betrokkenen": [
            BetrokkeneRow(
                volgorde=i,
                rol=b.rol.value,
                code=b.code,
                omschrijving=b.omschrijving,
                toelichting=b.toelichting,
                **_gerelateerde_columns(b.gerelateerde),
            )
            for i, b in enumerate(zaak.betrokkenen)
        ],
        "zaakobjecten": [
            ZaakobjectRow(
                volgorde=i,
                element=gerelateerden.element(z.gerelateerde),
                omschrijving=z.omschrijving,
                **_gerelateerde_columns(z.gerelateerde),
            )
            for i, z in enumerate(zaak.zaakobjecten)
        ],
        "relaties": [
            ZaakRelatieRow(volgorde=i, soort=r.soort.value, gerelateerde_identificatie=r.identificatie)
            for i, r in enumerate(zaak.relaties)
        ],
        "kenmerken": [
            KenmerkRow(volgorde=i, kenmerk=k.kenmerk, bron=k.bron) for i, k in enumerate(zaak.kenmerken)
        ],
        "andere_zaakobjecten": [
            AnderZaakobjectRow(
                volgorde=i,
                omschrijving=a.omschrijving,
                aanduiding=a.aanduiding,
                lokatie=a.lokatie,
                registratie=a.registratie,
            )
            for i, a in enumerate(zaak.andere_zaakobjecten)
        ],
    }


def _gerelateerde_columns(gerelateerde: Gerelateerde) -> dict[str, Any]:
    return {
        "soort": gerelateerde.soort,
        "sleutel": gerelateerde.sleutel,
        "gegevens": gerelateerden.dump(gerelateerde),
    }


def _status_row(volgorde: int, status: Status) -> StatusRow:
    door = status.gezet_door
    return StatusRow(
        volgorde=volgorde,
        volgnummer=status.volgnummer,
        omschrijving=status.omschrijving,
        datum_status_gezet=status.datum_status_gezet,
        toelichting=status.toelichting,
        gezet_door_soort=door.soort if door else None,
        gezet_door_sleutel=door.sleutel if door else None,
        gezet_door_gegevens=gerelateerden.dump(door) if door else None,
    )


# --- rows -> domain --------------------------------------------------------------------------


def _zaak_from_row(row: ZaakRow) -> Zaak:
    zaak = Zaak(
        identificatie=row.identificatie,
        zaaktype=zaaktype_from_row(row.zaaktype),
        resultaat=(
            Resultaat(omschrijving=row.resultaat_omschrijving, toelichting=row.resultaat_toelichting)
            if row.heeft_resultaat
            else None
        ),
        opschorting=(
            Opschorting(indicatie=row.opschorting_indicatie, reden=row.opschorting_reden)
            if row.opschorting_indicatie is not None and row.opschorting_reden is not None
            else None
        ),
        verlenging=(
            Verlenging(duur=row.verlenging_duur, reden=row.verlenging_reden)
            if row.verlenging_duur is not None and row.verlenging_reden is not None
            else None
        ),
        statussen=[_status(s) for s in row.statussen],
        betrokkenen=[
            Betrokkene(
                rol=Rol(b.rol),
                gerelateerde=gerelateerden.load(b.soort, b.gegevens),
                code=b.code,
                omschrijving=b.omschrijving,
                toelichting=b.toelichting,
            )
            for b in row.betrokkenen
        ],
        zaakobjecten=[
            Zaakobject(gerelateerde=gerelateerden.load(z.soort, z.gegevens), omschrijving=z.omschrijving)
            for z in row.zaakobjecten
        ],
        relaties=[
            ZaakRelatie(soort=ZaakRelatieSoort(r.soort), identificatie=r.gerelateerde_identificatie)
            for r in row.relaties
        ],
        kenmerken=[Kenmerk(kenmerk=k.kenmerk, bron=k.bron) for k in row.kenmerken],
        andere_zaakobjecten=[
            AnderZaakObject(
                omschrijving=a.omschrijving,
                aanduiding=a.aanduiding,
                lokatie=a.lokatie,
                registratie=a.registratie,
            )
            for a in row.andere_zaakobjecten
        ],
    )
    for name in _SCALAR_FIELDS:
        setattr(zaak, name, getattr(row, name))
    return zaak


def _status(row: StatusRow) -> Status:
    gezet_door: Medewerker | OrganisatorischeEenheid | None = None
    if row.gezet_door_soort is not None and row.gezet_door_gegevens is not None:
        door = gerelateerden.load(row.gezet_door_soort, row.gezet_door_gegevens)
        if not isinstance(door, Medewerker | OrganisatorischeEenheid):
            raise ValueError(f"status.gezet_door of soort {row.gezet_door_soort} is no MDW or OEH")
        gezet_door = door
    return Status(
        volgnummer=row.volgnummer,
        omschrijving=row.omschrijving,
        datum_status_gezet=row.datum_status_gezet,
        toelichting=row.toelichting,
        gezet_door=gezet_door,
    )
