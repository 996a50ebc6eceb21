"""What a service handler gets besides the message: the repositories of its transaction (and the
outbox in it), who we are, and the settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from rzs.config import Settings
from rzs.notify.outbox import Outbox
from rzs.store import Repositories
from rzs.stuf.bericht import Verzoek
from rzs.stuf.berichten import Afzender


@dataclass(frozen=True, slots=True)
class Context:
    repos: Repositories
    afzender: Afzender
    settings: Settings

    @property
    def outbox(self) -> Outbox:
        """Messages to send after commit, written in this message's transaction (``rzs.notify``)."""
        return Outbox(self.repos.outbox)


ServiceHandler = Callable[[Verzoek, Context], etree._Element]
