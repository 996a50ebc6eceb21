"""The zaken as one zender may see them: every zaak a service loads or stores passes the
zender's zaaktype check here (``stuf/autorisatie.py``, StUF052), so no handler can forget it.

Handlers reach zaken through ``ctx.zaken`` (this view) for every zaak the message itself names:
reads (geefZaakdetails, geefZaakstatus, geefBesluitDetails...), writes (creeerZaak, updateZaak,
voegZaakdocumentToe, voegBesluitToe...), notifications and overdracht, and the zaakdocumenten
read or changed by identificatie (through :meth:`BewaakteZaken.document`). A search refuses as a
whole when it would answer with a zaak of another zaaktype, rather than quietly leaving it out.

Not guarded, on purpose: zaken a message only refers to through a relation of its own zaak (the
gezinsplan of a levensdomeinplan, a hoofdzaak): their existence and plan rules are checked with
``ctx.repos.zaken`` directly, and an answer names them only by identificatie and omschrijving.
"""

from __future__ import annotations

from rzs.domain.document import Document
from rzs.domain.zaak import Zaak
from rzs.store.zaken import ZaakRepository, ZaakSelectie
from rzs.stuf.autorisatie import Toegang


class BewaakteZaken:
    """The subset of :class:`ZaakRepository` the services use, with the zaaktype check."""

    def __init__(self, zaken: ZaakRepository, toegang: Toegang) -> None:
        self._zaken = zaken
        self._toegang = toegang

    def exists(self, identificatie: str) -> bool:
        code = self._zaken.zaaktype_code(identificatie)
        if code is not None:
            self._toegang.controleer_zaaktype(code)
        return code is not None

    def get(self, identificatie: str) -> Zaak | None:
        return self._bewaak(self._zaken.get(identificatie))

    def get_for_update(self, identificatie: str) -> Zaak | None:
        return self._bewaak(self._zaken.get_for_update(identificatie))

    def add(self, zaak: Zaak) -> None:
        self._toegang.controleer_zaaktype(zaak.zaaktype.code)
        self._zaken.add(zaak)

    def save(self, zaak: Zaak) -> None:
        self._toegang.controleer_zaaktype(zaak.zaaktype.code)
        self._zaken.save(zaak)

    def zoek(self, selectie: ZaakSelectie) -> list[Zaak]:
        zaken = self._zaken.zoek(selectie)
        for zaak in zaken:
            self._toegang.controleer_zaaktype(zaak.zaaktype.code)
        return zaken

    def document(self, document: Document | None) -> Document | None:
        """A zaakdocument is the zaak's: reading or changing it needs its zaak's zaaktype."""
        if document is not None and document.zaak_identificatie:
            self.exists(document.zaak_identificatie)
        return document

    def _bewaak(self, zaak: Zaak | None) -> Zaak | None:
        if zaak is not None:
            self._toegang.controleer_zaaktype(zaak.zaaktype.code)
        return zaak
