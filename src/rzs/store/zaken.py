"""The zaak aggregate in and out of the database, as the domain dataclass ``rzs.domain.zaak.Zaak``.

Services read a zaak, let the domain apply the message (oud/huidig, DIGEST c.7.3), and hand the
complete new state back to :meth:`ZaakRepository.save`; the repository never merges field by
field, so there is one place that decides what an update means: the domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, bindparam, or_, select, update
from sqlalchemy.orm import Session

from rzs.domain.zaak import Zaak
from rzs.fouten import ObjectBestaatAl, ObjectNietGevonden
from rzs.store.dialects import insert_ignore_returning
from rzs.store.models import BetrokkeneRow, ZaakobjectRow, ZaaktypeRow
from rzs.store.protocol import Inzage, bsns_van
from rzs.store.voorzieningen import VoorzieningSelectie, zaken_met_voorziening
from rzs.store.zaak_rijen import (
    ZAAK,
    Geladen,
    kind_rijen,
    laad,
    vervang_kinderen,
    voeg_kinderen_toe,
    zaak_kolommen,
)
from rzs.store.zaaktypen import ZaaktypeRepository


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


class ZaakRepository:
    """Every zaak loaded or written is reported to the unit of work's :class:`Inzage` (protocollering:
    the repositories are the single read path, so no handler can forget it).

    Set-based Core statements on the tables (``zaak_rijen.py``); what was loaded in this unit of
    work is remembered (:class:`Geladen`), so a save compares against it instead of loading again,
    and the zaaktype of a zaak just written or read is known without a query (issue 14).
    """

    def __init__(self, session: Session, inzage: Inzage, zaaktypen: ZaaktypeRepository) -> None:
        self._session = session
        self._inzage = inzage
        self._zaaktypen = zaaktypen
        self._geladen: dict[str, Geladen] = {}
        self._zaaktype_codes: dict[str, str] = {}

    def exists(self, identificatie: str) -> bool:
        return self.zaaktype_code(identificatie) is not None

    def zaaktype_code(self, identificatie: str) -> str | None:
        """The zaaktype code of a zaak without loading it (authorisation, choosing subscribers)."""
        code = self._zaaktype_codes.get(identificatie)
        if code is None:
            zaaktype_id = self._session.execute(_ZAAKTYPE_ID, {"identificatie": identificatie}).scalar()
            if zaaktype_id is None:
                return None
            code = self._zaaktypen.stand().op_id[zaaktype_id].code
            self._zaaktype_codes[identificatie] = code
        return code

    def get(self, identificatie: str) -> Zaak | None:
        return self._een(_OP_IDENTIFICATIE, identificatie)

    def get_for_update(self, identificatie: str) -> Zaak | None:
        """As :meth:`get`, and no other transaction may change the zaak until this one ends.

        For a read-modify-write (updateZaak, actualiseerZaakstatus): on PostgreSQL this is
        ``SELECT ... FOR UPDATE`` of the zaak row; SQLite ignores the clause, which is fine
        because its BEGIN IMMEDIATE already lets only one writing transaction run at a time.
        """
        return self._een(_OP_IDENTIFICATIE_VOOR_UPDATE, identificatie)

    def add(self, zaak: Zaak) -> None:
        """Store a new zaak; ObjectBestaatAl (StUF067) if its identificatie is taken.

        One ``INSERT ... ON CONFLICT DO NOTHING RETURNING id``: no row back means another
        transaction has (or just committed) that identificatie, with no check-then-insert race
        and no savepoint; then one executemany per child table.
        """
        zaaktype_id = self._zaaktype_id(zaak)
        self._inzage.zaak(zaak.identificatie, bsns_van(zaak), bestond=False, volledig=True)
        kolommen = {"identificatie": zaak.identificatie, "zaaktype_id": zaaktype_id, **zaak_kolommen(zaak)}
        nieuw = insert_ignore_returning(self._session, ZAAK, ("identificatie",))
        zaak_id = self._session.execute(nieuw, kolommen).scalar()
        if zaak_id is None:
            raise ObjectBestaatAl(f"Zaak {zaak.identificatie} bestaat al")
        rijen = kind_rijen(zaak)
        voeg_kinderen_toe(self._session, zaak_id, rijen)
        self._geladen[zaak.identificatie] = Geladen(zaak_id, zaaktype_id, rijen)
        self._zaaktype_codes[zaak.identificatie] = zaak.zaaktype.code

    def save(self, zaak: Zaak) -> None:
        """Persist the complete new state of an existing zaak.

        Child collections that changed are replaced as a whole (their order is part of the
        state); unchanged ones are left alone so their rows keep their keys.
        """
        geladen = self._geladen.get(zaak.identificatie)
        if geladen is None and self.get(zaak.identificatie) is not None:
            geladen = self._geladen[zaak.identificatie]
        if geladen is None:
            raise ObjectNietGevonden(f"Zaak {zaak.identificatie} niet gevonden")
        self._inzage.zaak(zaak.identificatie, bsns_van(zaak), volledig=True)
        zaaktype_id = self._zaaktype_id(zaak)
        kolommen = {"b_id": geladen.id, "zaaktype_id": zaaktype_id, **zaak_kolommen(zaak)}
        self._session.execute(_BIJWERKEN, kolommen)
        rijen = kind_rijen(zaak)
        gewijzigd = {naam: nieuw for naam, nieuw in rijen.items() if not geladen.ongewijzigd(naam, nieuw)}
        vervang_kinderen(self._session, geladen.id, gewijzigd)
        self._geladen[zaak.identificatie] = Geladen(geladen.id, zaaktype_id, rijen)
        self._zaaktype_codes[zaak.identificatie] = zaak.zaaktype.code

    def zoek(self, selectie: ZaakSelectie) -> list[Zaak]:
        """Zaken matching every given criterion, ordered by identificatie, at most ``maximum``."""
        alleen_identificatie = ZaakSelectie(selectie.identificatie, maximum=selectie.maximum)
        if selectie.identificatie is not None and selectie == alleen_identificatie and selectie.maximum > 0:
            # geefZaakdetails of one zaak, the common vraag: with the statement built once.
            gevonden = self.get(selectie.identificatie)
            return [gevonden] if gevonden is not None else []
        statement = select(ZAAK).order_by(ZAAK.c.identificatie).limit(selectie.maximum)
        if selectie.identificatie is not None:
            statement = statement.where(ZAAK.c.identificatie == selectie.identificatie)
        if selectie.zaaktype_code is not None:
            statement = statement.join(ZaaktypeRow, ZaaktypeRow.id == ZAAK.c.zaaktype_id).where(
                ZaaktypeRow.code == selectie.zaaktype_code
            )
        if selectie.bsn is not None:
            # Two indexed (soort, sleutel) lookups; the bsn is the NPS kerngegeven (DIGEST c.7.3).
            als_zaakobject = select(ZaakobjectRow.zaak_id).where(
                ZaakobjectRow.soort == "NPS", ZaakobjectRow.sleutel == selectie.bsn
            )
            als_betrokkene = select(BetrokkeneRow.zaak_id).where(
                BetrokkeneRow.soort == "NPS", BetrokkeneRow.sleutel == selectie.bsn
            )
            statement = statement.where(or_(ZAAK.c.id.in_(als_zaakobject), ZAAK.c.id.in_(als_betrokkene)))
        if selectie.voorziening is not None:
            statement = statement.where(ZAAK.c.id.in_(zaken_met_voorziening(selectie.voorziening)))
        return self._laad(list(self._session.execute(statement)))

    def _een(self, statement: Select[Any], identificatie: str) -> Zaak | None:
        zaken = self._laad(list(self._session.execute(statement, {"identificatie": identificatie})))
        return zaken[0] if zaken else None

    def _laad(self, rijen: list[Row[Any]]) -> list[Zaak]:
        zaken = []
        for zaak, geladen in laad(self._session, rijen, self._zaaktypen.stand().op_id.__getitem__):
            self._geladen[zaak.identificatie] = geladen
            self._zaaktype_codes[zaak.identificatie] = zaak.zaaktype.code
            self._inzage.zaak(zaak.identificatie, bsns_van(zaak), volledig=True)
            zaken.append(zaak)
        return zaken

    def _zaaktype_id(self, zaak: Zaak) -> int:
        gevonden = self._zaaktypen.stand().op_code.get(zaak.zaaktype.code)
        if gevonden is None:
            raise ObjectNietGevonden(f"Zaaktype {zaak.zaaktype.code} staat niet in de catalogus")
        return gevonden[0]


#: Statements built once per process (the compiled-statement cache serves every later message).
_OP_IDENTIFICATIE = select(ZAAK).where(ZAAK.c.identificatie == bindparam("identificatie"))
_OP_IDENTIFICATIE_VOOR_UPDATE = _OP_IDENTIFICATIE.with_for_update()
_BIJWERKEN = update(ZAAK).where(ZAAK.c.id == bindparam("b_id"))
_ZAAKTYPE_ID = select(ZAAK.c.zaaktype_id).where(ZAAK.c.identificatie == bindparam("identificatie"))
