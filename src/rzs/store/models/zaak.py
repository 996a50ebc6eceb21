"""The zaak aggregate (``rzs.domain.zaak.Zaak``): a ``zaak`` row plus one child table per list.

Children carry a ``volgorde`` so a zaak comes back in the order it was sent (StUF relations are
ordered lists on the wire), and they are deleted with their zaak (``ON DELETE CASCADE``).

Gerelateerden (the party or object a betrokkene/zaakobject/status points at) are kept as a JSON
document (``gegevens``, see ``gerelateerden.py``) next to two plain columns, ``soort`` and
``sleutel`` (the StUF kerngegeven, DIGEST c.7.3), so "all zaken of BSN x" is one indexed lookup
and not a scan over JSON.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, Text, false
from sqlalchemy.orm import Mapped, Relationship, declared_attr, mapped_column, relationship

from rzs.store.models.base import Base
from rzs.store.models.catalogus import ZaaktypeRow


def _children(order_by: str) -> Relationship[Any]:
    """A child collection of the zaak: owned, ordered, deleted with it by the database."""
    return relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by=order_by, lazy="raise_on_sql"
    )


class _KindVanZaak:
    """A row of one of the zaak's child lists: its own key, its zaak (deleted with it by the
    database), and its place in the list."""

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    volgorde: Mapped[int]


class ZaakRow(Base):
    __tablename__ = "zaak"

    id: Mapped[int] = mapped_column(primary_key=True)
    identificatie: Mapped[str] = mapped_column(unique=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id"), index=True)
    startdatum: Mapped[str | None]
    registratiedatum: Mapped[str | None]
    omschrijving: Mapped[str | None]
    toelichting: Mapped[str | None]
    publicatiedatum: Mapped[str | None]
    einddatum_gepland: Mapped[str | None]
    uiterlijke_einddatum: Mapped[str | None]
    einddatum: Mapped[str | None]
    betalingsindicatie: Mapped[str | None]
    laatste_betaaldatum: Mapped[str | None]
    archiefnominatie: Mapped[str | None]
    datum_vernietiging_dossier: Mapped[str | None]
    zaakniveau: Mapped[int | None]
    deelzaken_indicatie: Mapped[str | None]
    #: A Resultaat may be present with both fields empty, so presence needs its own column.
    heeft_resultaat: Mapped[bool] = mapped_column(default=False, server_default=false())
    resultaat_omschrijving: Mapped[str | None]
    resultaat_toelichting: Mapped[str | None]
    #: Opschorting and Verlenging are present exactly when their required first field is set.
    opschorting_indicatie: Mapped[str | None]
    opschorting_reden: Mapped[str | None]
    verlenging_duur: Mapped[int | None]
    verlenging_reden: Mapped[str | None]

    zaaktype: Mapped[ZaaktypeRow] = relationship(lazy="raise_on_sql")
    statussen: Mapped[list[StatusRow]] = _children("StatusRow.volgorde")
    betrokkenen: Mapped[list[BetrokkeneRow]] = _children("BetrokkeneRow.volgorde")
    zaakobjecten: Mapped[list[ZaakobjectRow]] = _children("ZaakobjectRow.volgorde")
    relaties: Mapped[list[ZaakRelatieRow]] = _children("ZaakRelatieRow.volgorde")
    kenmerken: Mapped[list[KenmerkRow]] = _children("KenmerkRow.volgorde")
    andere_zaakobjecten: Mapped[list[AnderZaakobjectRow]] = _children("AnderZaakobjectRow.volgorde")


class StatusRow(_KindVanZaak, Base):
    __tablename__ = "status"

    volgnummer: Mapped[int]
    omschrijving: Mapped[str]
    datum_status_gezet: Mapped[str]
    toelichting: Mapped[str | None]
    gezet_door_soort: Mapped[str | None]
    gezet_door_sleutel: Mapped[str | None]
    gezet_door_gegevens: Mapped[dict[str, Any] | None]


class _MetGerelateerde(_KindVanZaak):
    """A child row that points at a gerelateerde (party or object): its kind and kerngegeven as
    plain indexed columns, the rest as a JSON document (module docstring)."""

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Index]:
        return (Index(None, "soort", "sleutel"),)

    #: StUF entiteittype of the gerelateerde: NPS, MDW, VES, OEH, NNP or another one.
    soort: Mapped[str]
    #: Kerngegeven (bsn, identificatie, vestigingsnummer, ...); None when it has none.
    sleutel: Mapped[str | None]
    gegevens: Mapped[dict[str, Any]]
    omschrijving: Mapped[str | None]


class BetrokkeneRow(_MetGerelateerde, Base):
    __tablename__ = "betrokkene"

    rol: Mapped[str]
    code: Mapped[str | None]
    toelichting: Mapped[str | None]


class ZaakobjectRow(_MetGerelateerde, Base):
    __tablename__ = "zaakobject"

    #: The gerelateerde element name in ZKN (natuurlijkPersoon, pand, ...).
    element: Mapped[str]


class ZaakRelatieRow(_KindVanZaak, Base):
    __tablename__ = "zaak_relatie"

    soort: Mapped[str]
    #: By identificatie, not by key: the other zaak may live in another zaaksysteem.
    gerelateerde_identificatie: Mapped[str] = mapped_column(index=True)


class KenmerkRow(_KindVanZaak, Base):
    __tablename__ = "kenmerk"

    kenmerk: Mapped[str]
    bron: Mapped[str]


class AnderZaakobjectRow(_KindVanZaak, Base):
    __tablename__ = "ander_zaakobject"

    omschrijving: Mapped[str]
    aanduiding: Mapped[str]
    lokatie: Mapped[str] = mapped_column(Text)
    registratie: Mapped[str]
