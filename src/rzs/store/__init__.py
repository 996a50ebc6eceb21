"""Persistence: the zaak aggregate, zaakdocumenten and their content, the zaaktype catalogue, issued
identificaties, received messages,
besluiten, voorzieningen, subscriptions, the delivery outbox and overdrachten.

Services use a :class:`Store` and its :meth:`Store.unit_of_work`; they see repositories that take
and return domain dataclasses, never SQLAlchemy rows.
"""

from rzs.store.abonnementen import AbonnementRepository
from rzs.store.berichten import BerichtAlVastgelegd, BerichtRepository, OntvangenBericht
from rzs.store.besluiten import BesluitRepository
from rzs.store.blobs import Blob, BlobStore
from rzs.store.documenten import DocumentRepository
from rzs.store.identificaties import IdentificatieRepository
from rzs.store.outbox import NieuwBericht, OutboxRepository, Uitgaand
from rzs.store.overdrachten import OverdrachtRepository
from rzs.store.session import Repositories, Store
from rzs.store.voorzieningen import Herkomst, VoorzieningRepository, VoorzieningVersie
from rzs.store.zaaktypen import ZaaktypeRepository
from rzs.store.zaken import ZaakRepository, ZaakSelectie

__all__ = [
    "AbonnementRepository",
    "BerichtAlVastgelegd",
    "BerichtRepository",
    "BesluitRepository",
    "Blob",
    "BlobStore",
    "DocumentRepository",
    "Herkomst",
    "IdentificatieRepository",
    "NieuwBericht",
    "OntvangenBericht",
    "OutboxRepository",
    "OverdrachtRepository",
    "Repositories",
    "Store",
    "Uitgaand",
    "VoorzieningRepository",
    "VoorzieningVersie",
    "ZaakRepository",
    "ZaakSelectie",
    "ZaaktypeRepository",
]
