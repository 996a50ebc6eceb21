"""What a service handler gets besides the message: the repositories of its transaction and settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from rzs.config import Settings
from rzs.store import Repositories
from rzs.stuf.bericht import Verzoek
from rzs.stuf.berichten import Afzender


@dataclass(frozen=True, slots=True)
class Context:
    repos: Repositories
    afzender: Afzender
    settings: Settings


ServiceHandler = Callable[[Verzoek, Context], etree._Element]
