"""What a service handler gets besides the message: the repositories of its transaction (and the
outbox in it), who we are, the settings, and what the zender may touch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from rzs.config import Settings
from rzs.notify.outbox import Outbox
from rzs.services.toegang import BewaakteZaken
from rzs.store import Repositories
from rzs.stuf.autorisatie import OPEN, Toegang
from rzs.stuf.bericht import Verzoek
from rzs.stuf.berichten import Afzender


@dataclass(frozen=True, slots=True)
class Context:
    repos: Repositories
    afzender: Afzender
    settings: Settings
    #: What the zender may touch (stuf/autorisatie.py); the message's ``Verzoek.toegang``.
    toegang: Toegang = OPEN
    #: The message as its operation's reader made it before the unit of work
    #: (``routes.Operatie.lezer``), e.g. a ``nieuwe_zaak.NieuweZaak``; None without a reader.
    gelezen: object = None

    @property
    def zaken(self) -> BewaakteZaken:
        """The zaken this zender may read and change: use this for every zaak the message names
        (``services/toegang.py``)."""
        return BewaakteZaken(self.repos.zaken, self.toegang)

    @property
    def outbox(self) -> Outbox:
        """Messages to send after commit, written in this message's transaction (``rzs.notify``)."""
        return Outbox(self.repos.outbox)


ServiceHandler = Callable[[Verzoek, Context], etree._Element]
#: Reads a message into what its handler works on, before the unit of work (``Context.gelezen``).
Lezer = Callable[[Verzoek], object]
