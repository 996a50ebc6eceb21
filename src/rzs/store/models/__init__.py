"""The database schema as SQLAlchemy 2 declarative models: one row class per table.

One module per concept: ``base`` (the declarative ``Base``, naming convention, JSON type, clock),
``catalogus`` (zaaktypen and their types), ``zaak`` (the zaak aggregate), ``documenten``
(zaakdocumenten), ``besluiten``, ``voorzieningen`` (and aanvullende elementen), ``identificaties``
(issued numbers, processed messages), ``notificaties`` (abonnementen, outbox, overdracht,
hartslag) and ``protocollering``. Import the row classes from this package, not from those
modules: importing it imports them all, so every table is on ``Base.metadata`` (which the
migrations are compared with) and relationships naming a class by string resolve.

Row classes are named ``<Noun>Row`` so they never shadow the domain dataclasses. The schema is
created by the Alembic migrations in ``migrations/versions/``, never by ``create_all``: a change
here needs a new revision there. Later issues add their tables in their own revisions (notificatie
outbox, audit log); ``zaak.id`` is the surrogate key they point at, so renaming an identificatie
never has to touch them. Zaakdocumenten (revision 0002) keep metadata per version in rows and their
content in the content store (``blobs.py``), referenced by sha256.
"""

from rzs.store.models.base import NAMING_CONVENTION, Base, JsonDocument, utc_now
from rzs.store.models.besluiten import BesluitRow
from rzs.store.models.catalogus import (
    BesluittypeRow,
    CatalogusVersieRow,
    DocumenttypeRow,
    ResultaattypeRow,
    StatustypeRow,
    ZaaktypeRow,
)
from rzs.store.models.documenten import DocumentCheckoutRow, DocumentRow, DocumentVersieRow
from rzs.store.models.identificaties import (
    IdentificatieTellerRow,
    OntvangenBerichtRow,
    UitgegevenIdentificatieRow,
)
from rzs.store.models.notificaties import AbonnementRow, HartslagRow, OutboxRow, OverdrachtRow
from rzs.store.models.protocollering import ProtocolBsnRow, ProtocolKetenRow, ProtocolRow
from rzs.store.models.voorzieningen import AanvullendElementRow, VoorzieningRow
from rzs.store.models.zaak import (
    AnderZaakobjectRow,
    BetrokkeneRow,
    KenmerkRow,
    StatusRow,
    ZaakobjectRow,
    ZaakRelatieRow,
    ZaakRow,
)

__all__ = [
    "NAMING_CONVENTION",
    "AanvullendElementRow",
    "AbonnementRow",
    "AnderZaakobjectRow",
    "Base",
    "BesluitRow",
    "BesluittypeRow",
    "BetrokkeneRow",
    "CatalogusVersieRow",
    "DocumentCheckoutRow",
    "DocumentRow",
    "DocumentVersieRow",
    "DocumenttypeRow",
    "HartslagRow",
    "IdentificatieTellerRow",
    "JsonDocument",
    "KenmerkRow",
    "OntvangenBerichtRow",
    "OutboxRow",
    "OverdrachtRow",
    "ProtocolBsnRow",
    "ProtocolKetenRow",
    "ProtocolRow",
    "ResultaattypeRow",
    "StatusRow",
    "StatustypeRow",
    "UitgegevenIdentificatieRow",
    "VoorzieningRow",
    "ZaakRelatieRow",
    "ZaakRow",
    "ZaakobjectRow",
    "ZaaktypeRow",
    "utc_now",
]
