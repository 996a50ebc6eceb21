"""The catalogue: zaaktypen and what they allow (statustypen, resultaattypen, documenttypen,
besluittypen), loaded from the catalogue file (``rzs.catalogus``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from rzs.store.models.base import Base, JsonDocument


class ZaaktypeRow(Base):
    __tablename__ = "zaaktype"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    omschrijving: Mapped[str]
    plansoort: Mapped[str]
    ingangsdatum: Mapped[str | None]
    #: ``[{"namespace": ..., "versies": [...], "verplicht": bool}]`` (issue 9; migration 0007).
    aanvullende_elementen: Mapped[list[dict[str, Any]] | None] = mapped_column(JsonDocument)
    voorzieningdomein: Mapped[str | None]

    statustypen: Mapped[list[StatustypeRow]] = relationship(
        back_populates="zaaktype",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="StatustypeRow.volgnummer",
    )
    resultaattypen: Mapped[list[ResultaattypeRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ResultaattypeRow.volgorde"
    )
    documenttypen: Mapped[list[DocumenttypeRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="DocumenttypeRow.volgorde"
    )
    besluittypen: Mapped[list[BesluittypeRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="BesluittypeRow.volgorde"
    )


class StatustypeRow(Base):
    __tablename__ = "statustype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"))
    volgnummer: Mapped[int]
    omschrijving: Mapped[str]
    code: Mapped[str | None]

    zaaktype: Mapped[ZaaktypeRow] = relationship(back_populates="statustypen")


class _TypeVanZaaktype:
    """What resultaat-, document- and besluittypen share: they belong to one zaaktype, are unique
    by omschrijving within it, and keep their position in the catalogue file (``volgorde``), so an
    export lists them as they were configured."""

    @declared_attr.directive
    def __table_args__(cls) -> tuple[UniqueConstraint]:
        return (UniqueConstraint("zaaktype_id", "omschrijving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"))
    volgorde: Mapped[int]
    omschrijving: Mapped[str]
    omschrijving_generiek: Mapped[str | None]


class ResultaattypeRow(_TypeVanZaaktype, Base):
    """A resultaattype of a zaaktype (migration 0003)."""

    __tablename__ = "resultaattype"

    archiefnominatie: Mapped[str | None]


class DocumenttypeRow(_TypeVanZaaktype, Base):
    """A documenttype of a zaaktype (migration 0003)."""

    __tablename__ = "documenttype"

    categorie: Mapped[str | None]


class BesluittypeRow(_TypeVanZaaktype, Base):
    """A besluittype of a zaaktype (migration 0005)."""

    __tablename__ = "besluittype"

    code: Mapped[str | None]
    categorie: Mapped[str | None]


class CatalogusVersieRow(Base):
    """One counter (``id`` 1) that every change of the catalogue bumps, in the same transaction:
    each process caches the catalogue and reloads it only when this moved (issue 14, 0010)."""

    __tablename__ = "catalogus_versie"

    id: Mapped[int] = mapped_column(primary_key=True)
    versie: Mapped[int] = mapped_column(BigInteger)
