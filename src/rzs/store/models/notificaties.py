"""Notificaties and overdracht (issue 4): subscriptions, the outbox of messages to deliver, the
overdrachten received and sent, and the heartbeat of the delivery processes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rzs.store.models.base import Base, utc_now


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


class HartslagRow(Base):
    """A delivery process that is alive: ``host:pid`` and when it last said so (migration 0007).
    ``GET /health/ready`` of any server on the database reads the newest (``store/overzicht.py``)."""

    __tablename__ = "hartslag"

    naam: Mapped[str] = mapped_column(primary_key=True)
    bijgewerkt: Mapped[datetime] = mapped_column(default=utc_now)
