"""The database schema as SQLAlchemy 2 declarative models: one row class per table.

The zaak aggregate (``rzs.domain.zaak.Zaak``) is stored as a ``zaak`` row plus one child table per
list; children carry a ``volgorde`` so a zaak comes back in the order it was sent (StUF relations
are ordered lists on the wire), and they are deleted with their zaak (``ON DELETE CASCADE``).

Gerelateerden (the party or object a betrokkene/zaakobject/status points at) are kept as a JSON
document (``gegevens``, see ``gerelateerden.py``) next to two plain columns, ``soort`` and
``sleutel`` (the StUF kerngegeven, DIGEST c.7.3), so "all zaken of BSN x" is one indexed lookup
and not a scan over JSON.

Row classes are named ``<Noun>Row`` so they never shadow the domain dataclasses. The schema is
created by the Alembic migrations in ``migrations/versions/``, never by ``create_all``: a change
here needs a new revision there. Later issues add their tables in their own revisions (notificatie
outbox, audit log); ``zaak.id`` is the surrogate key they point at, so renaming an identificatie
never has to touch them. Zaakdocumenten (revision 0002) keep metadata per version in rows and their
content in the content store (``blobs.py``), referenced by sha256.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, Relationship, mapped_column, relationship

#: Deterministic constraint names, so migrations can name (and later drop) them on both dialects.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: JSON on SQLite; JSONB on PostgreSQL, which can be compared and indexed should a query need it.
JsonDocument = JSON().with_variant(JSONB(), "postgresql")


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dict[str, Any]: JsonDocument,
        datetime: DateTime(timezone=True),
    }


# --- catalogue -------------------------------------------------------------------------------


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


class ResultaattypeRow(Base):
    """A resultaattype of a zaaktype (migration 0003); unique by omschrijving within the zaaktype."""

    __tablename__ = "resultaattype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "omschrijving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"))
    #: Position in the catalogue file, so an export lists them as they were configured.
    volgorde: Mapped[int]
    omschrijving: Mapped[str]
    omschrijving_generiek: Mapped[str | None]
    archiefnominatie: Mapped[str | None]


class DocumenttypeRow(Base):
    """A documenttype of a zaaktype (migration 0003); unique by omschrijving within the zaaktype."""

    __tablename__ = "documenttype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "omschrijving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"))
    volgorde: Mapped[int]
    omschrijving: Mapped[str]
    omschrijving_generiek: Mapped[str | None]
    categorie: Mapped[str | None]


class BesluittypeRow(Base):
    """A besluittype of a zaaktype (migration 0005); unique by omschrijving within the zaaktype."""

    __tablename__ = "besluittype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "omschrijving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"))
    volgorde: Mapped[int]
    omschrijving: Mapped[str]
    code: Mapped[str | None]
    omschrijving_generiek: Mapped[str | None]
    categorie: Mapped[str | None]


# --- the zaak aggregate ----------------------------------------------------------------------


def _children(order_by: str) -> Relationship[Any]:
    """A child collection of the zaak: owned, ordered, deleted with it by the database."""
    return relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by=order_by, lazy="raise_on_sql"
    )


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


class StatusRow(Base):
    __tablename__ = "status"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    volgorde: Mapped[int]
    volgnummer: Mapped[int]
    omschrijving: Mapped[str]
    datum_status_gezet: Mapped[str]
    toelichting: Mapped[str | None]
    gezet_door_soort: Mapped[str | None]
    gezet_door_sleutel: Mapped[str | None]
    gezet_door_gegevens: Mapped[dict[str, Any] | None]


class BetrokkeneRow(Base):
    __tablename__ = "betrokkene"
    __table_args__ = (Index(None, "soort", "sleutel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    volgorde: Mapped[int]
    rol: Mapped[str]
    #: StUF entiteittype of the gerelateerde: NPS, MDW, VES, OEH, NNP or another one.
    soort: Mapped[str]
    #: Kerngegeven (bsn, identificatie, vestigingsnummer, ...); None when the party has none.
    sleutel: Mapped[str | None]
    gegevens: Mapped[dict[str, Any]]
    code: Mapped[str | None]
    omschrijving: Mapped[str | None]
    toelichting: Mapped[str | None]


class ZaakobjectRow(Base):
    __tablename__ = "zaakobject"
    __table_args__ = (Index(None, "soort", "sleutel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    volgorde: Mapped[int]
    soort: Mapped[str]
    #: The gerelateerde element name in ZKN (natuurlijkPersoon, pand, ...).
    element: Mapped[str]
    sleutel: Mapped[str | None]
    gegevens: Mapped[dict[str, Any]]
    omschrijving: Mapped[str | None]


class ZaakRelatieRow(Base):
    __tablename__ = "zaak_relatie"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    volgorde: Mapped[int]
    soort: Mapped[str]
    #: By identificatie, not by key: the other zaak may live in another zaaksysteem.
    gerelateerde_identificatie: Mapped[str] = mapped_column(index=True)


class KenmerkRow(Base):
    __tablename__ = "kenmerk"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    volgorde: Mapped[int]
    kenmerk: Mapped[str]
    bron: Mapped[str]


class AnderZaakobjectRow(Base):
    __tablename__ = "ander_zaakobject"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    volgorde: Mapped[int]
    omschrijving: Mapped[str]
    aanduiding: Mapped[str]
    lokatie: Mapped[str] = mapped_column(Text)
    registratie: Mapped[str]


# --- zaakdocumenten ----------------------------------------------------------------------------


class DocumentRow(Base):
    """A zaakdocument: its identity and its zaak. What it says is in its versions."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    identificatie: Mapped[str] = mapped_column(unique=True)
    #: The zaak it is relevant for (isRelevantVoor); a zaak is never deleted under its documents.
    #: NULL after ontkoppelZaakdocument (ZDS 1.2): the document stays, unlinked.
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id"), index=True)
    registratiedatum: Mapped[str]

    zaak: Mapped[ZaakRow | None] = relationship(lazy="raise_on_sql")
    versies: Mapped[list[DocumentVersieRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DocumentVersieRow.versienummer",
        lazy="raise_on_sql",
    )
    checkout: Mapped[DocumentCheckoutRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise_on_sql"
    )


class DocumentVersieRow(Base):
    """One version of a document: metadata and the sha256 of its content in the content store.

    Rows are only ever added (history, DIGEST f.2 check-in); the current version is the highest
    versienummer.
    """

    __tablename__ = "document_versie"
    __table_args__ = (UniqueConstraint("document_id", "versienummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    versienummer: Mapped[int]
    titel: Mapped[str | None]
    beschrijving: Mapped[str | None]
    taal: Mapped[str | None]
    versie: Mapped[str | None]
    status: Mapped[str | None]
    vertrouwelijk_aanduiding: Mapped[str | None]
    auteur: Mapped[str | None]
    creatiedatum: Mapped[str | None]
    ontvangstdatum: Mapped[str | None]
    verzenddatum: Mapped[str | None]
    formaat: Mapped[str | None]
    link: Mapped[str | None]
    documenttype: Mapped[str | None]
    #: Content: its key in the content store (None for a document without content).
    inhoud_sha256: Mapped[str | None] = mapped_column(index=True)
    inhoud_grootte: Mapped[int | None] = mapped_column(BigInteger)
    bestandsnaam: Mapped[str | None]
    content_type: Mapped[str | None]
    geregistreerd: Mapped[str]


class DocumentCheckoutRow(Base):
    """The lock of a checked-out document (geefZaakdocumentbewerken); deleted at check-in or cancel."""

    __tablename__ = "document_checkout"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    checked_out_id: Mapped[str] = mapped_column(unique=True)
    checked_out_by: Mapped[str]
    zender: Mapped[str] = mapped_column(Text)
    sinds: Mapped[str]


# --- besluiten (migration 0005) -----------------------------------------------------------------


class BesluitRow(Base):
    """A besluit (beschikking) and the zaak it is the outcome of.

    Not a child of the zaak: a besluit keeps its identity when the zaak's ``leidtTot`` is removed
    (``zaak_id`` NULL). The besluittype is copied from the catalogue when the besluit is stored, as
    a status copies its statustype, so editing the catalogue never changes a taken besluit.
    """

    __tablename__ = "besluit"

    id: Mapped[int] = mapped_column(primary_key=True)
    identificatie: Mapped[str] = mapped_column(unique=True)
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), index=True)
    besluittype_omschrijving: Mapped[str]
    besluittype_code: Mapped[str | None]
    besluittype_omschrijving_generiek: Mapped[str | None]
    besluittype_categorie: Mapped[str | None]
    datum_beslissing: Mapped[str | None]
    toelichting: Mapped[str | None] = mapped_column(Text)
    ingangsdatum_werking: Mapped[str | None]
    einddatum_werking: Mapped[str | None]
    vervalreden: Mapped[str | None]
    datum_publicatie: Mapped[str | None]
    datum_verzending: Mapped[str | None]
    datum_uiterlijke_reactie: Mapped[str | None]
    geregistreerd_op: Mapped[datetime] = mapped_column(default=utc_now)

    zaak: Mapped[ZaakRow | None] = relationship(lazy="raise_on_sql")


class VoorzieningRow(Base):
    """One version of a voorziening on a zaak (issue 9; migration 0007): never updated, a change
    is a new row with the next ``versie``. The key fields are columns to query on; ``inhoud`` is
    the full ``VZ:voorzieningen`` container with this one voorziening (exclusive C14N), which is
    what a geefZaakdetails answers. Who sent it, in which message and when is kept per version."""

    __tablename__ = "voorziening"
    __table_args__ = (UniqueConstraint("zaak_id", "nummer", "versie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    nummer: Mapped[int] = mapped_column(BigInteger)
    versie: Mapped[int]
    domein: Mapped[str]
    categorie: Mapped[str] = mapped_column(index=True)
    code: Mapped[str | None]
    leveringsvorm: Mapped[str]
    status: Mapped[str]
    agb_code: Mapped[str | None] = mapped_column(index=True)
    ingangsdatum: Mapped[str]
    einddatum: Mapped[str | None]
    inhoud: Mapped[str] = mapped_column(Text)
    zender: Mapped[str | None] = mapped_column(Text)
    referentienummer: Mapped[str | None] = mapped_column(Text)
    geregistreerd_op: Mapped[datetime] = mapped_column(default=utc_now)


class AanvullendElementRow(Base):
    """A child of ``StUF:aanvullendeElementen`` in a namespace the zaaktype does not declare, kept
    as it came when the server is configured to store such elements (issue 9; migration 0007)."""

    __tablename__ = "aanvullend_element"
    __table_args__ = (UniqueConstraint("zaak_id", "namespace"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    namespace: Mapped[str] = mapped_column(Text)
    inhoud: Mapped[str] = mapped_column(Text)


# --- identificaties and idempotency ----------------------------------------------------------


class UitgegevenIdentificatieRow(Base):
    """Every identificatie we ever handed out; the unique constraint is the concurrency guard.

    A row stays after the zaak or document is gone, so a number is never issued twice
    (genereerZaakIdentificatie / genereerDocumentIdentificatie, DIGEST f.1).
    """

    __tablename__ = "uitgegeven_identificatie"
    __table_args__ = (UniqueConstraint("soort", "identificatie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 'zaak' or 'document'.
    soort: Mapped[str]
    identificatie: Mapped[str]
    uitgegeven_op: Mapped[datetime] = mapped_column(default=utc_now)


class IdentificatieTellerRow(Base):
    """The last number issued per (soort, prefix); incremented in place, so callers serialise on it."""

    __tablename__ = "identificatie_teller"

    soort: Mapped[str] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(primary_key=True)
    laatste: Mapped[int]


class OntvangenBerichtRow(Base):
    """A processed message and the answer we sent: StUF idempotency on zender + referentienummer.

    A repeat with the same content gets the same answer; with other content StUF016 (DIGEST c.4).
    """

    __tablename__ = "ontvangen_bericht"
    __table_args__ = (UniqueConstraint("zender", "referentienummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Zender organisatie/applicatie/administratie/gebruiker, as one normalised string.
    zender: Mapped[str] = mapped_column(Text)
    referentienummer: Mapped[str] = mapped_column(Text)
    inhoud_hash: Mapped[str] = mapped_column(Text)
    antwoord: Mapped[bytes] = mapped_column(LargeBinary)
    ontvangen_op: Mapped[datetime] = mapped_column(default=utc_now)


# --- notificaties and overdracht (issue 4) ---------------------------------------------------


class AbonnementRow(Base):
    """A subscription of Abonnementenbeheer: notifications about zaken of ``zaaktype`` (a code, or
    ``*`` for every zaaktype) on ``gebeurtenis`` (a DIGEST d.7 value, or ``*``) go to ``bestemming``
    with ``ontvanger`` in the stuurgegevens (migration 0004)."""

    __tablename__ = "abonnement"
    #: Named by hand: the conventional name is longer than PostgreSQL's 63 characters.
    __table_args__ = (
        UniqueConstraint(
            "zaaktype", "gebeurtenis", "bestemming", "ontvanger_applicatie", name="uq_abonnement_sleutel"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaktype: Mapped[str]
    gebeurtenis: Mapped[str]
    bestemming: Mapped[str] = mapped_column(Text)
    ontvanger_applicatie: Mapped[str]
    ontvanger_organisatie: Mapped[str | None]
    actief: Mapped[bool] = mapped_column(default=True)
    #: Only notifications with this ``voorzieningGebeurtenis`` (issue 9; migration 0007); None = all.
    voorziening_gebeurtenis: Mapped[str | None]
    aangemaakt: Mapped[datetime] = mapped_column(default=utc_now)


class OutboxRow(Base):
    """A message to deliver: written in the transaction of the change that caused it, delivered
    by ``rzs.notify.worker`` (at least once; migration 0004).

    ``status`` is ``pending`` until delivered (``delivered``) or given up (``dead``). A worker
    claims a row by setting ``claim`` and moving ``volgende_poging_op`` past the attempt, in one
    short transaction; other workers skip it until then, and a worker that dies mid-attempt
    leaves a row that becomes due again.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index(None, "status", "volgende_poging_op"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: notificatie, overdracht or bevestiging: what the message is, for the CLI.
    soort: Mapped[str]
    #: Our referentienummer in the message's stuurgegevens; unique, we make them.
    referentienummer: Mapped[str] = mapped_column(unique=True)
    zaak_identificatie: Mapped[str | None] = mapped_column(index=True)
    ontvanger: Mapped[str]
    bestemming: Mapped[str] = mapped_column(Text)
    soapaction: Mapped[str] = mapped_column(Text)
    #: The SOAP body element (the StUF message), serialised; the worker wraps it in an envelope.
    bericht: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(default="pending")
    pogingen: Mapped[int] = mapped_column(default=0)
    volgende_poging_op: Mapped[datetime] = mapped_column(default=utc_now)
    claim: Mapped[str | None]
    laatste_fout: Mapped[str | None] = mapped_column(Text)
    aangemaakt: Mapped[datetime] = mapped_column(default=utc_now)
    bijgewerkt: Mapped[datetime] = mapped_column(default=utc_now)


class OverdrachtRow(Base):
    """An overdragenZaak: one we received (richting ``in``, we are the backoffice) or sent
    (``uit``, we are the regiesysteem), and what became of it (migration 0004, DIGEST d.6).

    ``referentienummer`` is that of the Di01, unique per zender (StUF), hence the key; a Du01
    finds its overdracht by its crossRefnummer.
    """

    __tablename__ = "overdracht"
    __table_args__ = (UniqueConstraint("richting", "zender", "referentienummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_identificatie: Mapped[str] = mapped_column(index=True)
    richting: Mapped[str]
    referentienummer: Mapped[str]
    #: Zender and ontvanger of the Di01 (``Systeem.sleutel`` form: organisatie|applicatie|...).
    zender: Mapped[str] = mapped_column(Text)
    ontvanger: Mapped[str] = mapped_column(Text)
    #: ontvangen, verstuurd, geaccepteerd, geweigerd.
    status: Mapped[str]
    melding: Mapped[str | None] = mapped_column(Text)
    #: Referentienummer of the Du01 that answered it.
    bevestiging_referentienummer: Mapped[str | None]
    aangemaakt: Mapped[datetime] = mapped_column(default=utc_now)
    bijgewerkt: Mapped[datetime] = mapped_column(default=utc_now)
