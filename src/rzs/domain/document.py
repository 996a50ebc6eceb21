"""Zaakdocumenten: metadata, versions, content references and the checkout lock (DIGEST f.2-f.4).

A document (RGBZ ENKELVOUDIG INFORMATIEOBJECT, StUF entiteittype EDC) belongs to one zaak
(``isRelevantVoor``) until ontkoppelZaakdocument (ZDS 1.2) unlinks it; it then stays, versions and
content included, as a DMS keeps a document removed from the zaak's folder. Every
updateZaakdocument adds a version; earlier versions stay retrievable, as in a DMS (CMIS check-in
creates a major version, DIGEST g.27). Content is referenced by its sha256; the bytes live in the
store's content store, never in these objects.

The version label (``ZKN:versie``) is the sender's when it gives one; otherwise the version number
(``"1"``, ``"2"``, ...), as a DMS labels its versions. ``gelijk/versie`` in a geefZaakdocumentLezen
selects by that label.

Rules raise :class:`~rzs.fouten.Bedrijfsregel` (StUF058) with a message that names the rule: BR-13
for creating a document (DIGEST d.9), CO-01..CO-03 for the checkout lock (DIGEST f.2), OZ-01 for
unlinking (ZDS 1.2 §4.3.9).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from rzs.fouten import Bedrijfsregel, StufFout


@dataclass(frozen=True, slots=True)
class Documentgegevens:
    """The metadata the standard defines for a zaakdocument (EDC; DIGEST f.4). Dates are StUF
    strings (JJJJMMDD)."""

    titel: str | None = None
    beschrijving: str | None = None
    taal: str | None = None
    versie: str | None = None
    status: str | None = None
    vertrouwelijk_aanduiding: str | None = None
    auteur: str | None = None
    creatiedatum: str | None = None
    ontvangstdatum: str | None = None
    verzenddatum: str | None = None
    formaat: str | None = None
    link: str | None = None
    #: The documenttype (``dct.omschrijving``, DCT).
    documenttype: str | None = None


#: What voegZaakdocumentToe and maakZaakdocument must give (ZDS 1.1 tables, DIGEST f.4), and what
#: every version keeps: geefZaakdocumentbewerken's answer requires these (schema EDC-gzdb).
VERPLICHTE_GEGEVENS = ("titel", "creatiedatum", "vertrouwelijk_aanduiding", "auteur", "formaat", "taal")


@dataclass(frozen=True, slots=True)
class Inhoud:
    """Stored content of a version: the key in the content store and what describes the file."""

    sha256: str
    grootte: int
    #: ``@StUF:bestandsnaam``, required on every ``inhoud`` (DIGEST f.3).
    bestandsnaam: str
    #: ``@xmime:contentType``, when the sender gave one.
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Documentversie:
    versienummer: int
    gegevens: Documentgegevens
    #: None for a document made without content (maakZaakdocument) until content is added.
    inhoud: Inhoud | None
    #: When this version was registered (StUF tijdstip).
    geregistreerd: str


@dataclass(frozen=True, slots=True)
class Checkout:
    """The lock of geefZaakdocumentbewerken (CMIS checkOut): only this checkedOutId, from this
    zender, may check a new version in or cancel it (DIGEST f.2)."""

    checked_out_id: str
    #: Who checked out, as ``checkedOutBy`` reports it: the zender's gebruiker, else its applicatie.
    checked_out_by: str
    #: The complete zender (organisatie, applicatie, administratie, gebruiker) as one key.
    zender: str
    sinds: str


@dataclass(slots=True)
class Document:
    identificatie: str
    #: None once ontkoppelZaakdocument unlinked it from its zaak.
    zaak_identificatie: str | None
    #: When the document was related to the zaak (``heeftRelevant/registratiedatum``, JJJJMMDD).
    registratiedatum: str
    versies: list[Documentversie] = field(default_factory=list)
    checkout: Checkout | None = None

    @property
    def huidige_versie(self) -> Documentversie:
        return max(self.versies, key=lambda v: v.versienummer)

    def versie(self, label: str) -> Documentversie | None:
        """The latest version with this label (``ZKN:versie``), or None."""
        gevonden = [v for v in self.versies if v.gegevens.versie == label]
        return max(gevonden, key=lambda v: v.versienummer, default=None)


def controleer_gegevens(gegevens: Documentgegevens) -> None:
    """BR-13: the metadata every version of a zaakdocument has (DIGEST f.4)."""
    ontbrekend = [naam for naam in VERPLICHTE_GEGEVENS if not getattr(gegevens, naam)]
    if ontbrekend:
        namen = ", ".join(
            n.replace("vertrouwelijk_aanduiding", "vertrouwelijkAanduiding") for n in ontbrekend
        )
        raise Bedrijfsregel(f"BR-13: verplichte documentgegevens ontbreken: {namen}")


def nieuw_document(
    identificatie: str,
    zaak_identificatie: str,
    gegevens: Documentgegevens,
    inhoud: Inhoud | None,
    *,
    registratiedatum: str,
    geregistreerd: str,
) -> Document:
    """voegZaakdocumentToe / maakZaakdocument: version 1, labelled ``1`` unless the sender says."""
    controleer_gegevens(gegevens)
    eerste = dataclasses.replace(gegevens, versie=gegevens.versie or "1")
    return Document(
        identificatie=identificatie,
        zaak_identificatie=zaak_identificatie,
        registratiedatum=registratiedatum,
        versies=[Documentversie(1, eerste, inhoud, geregistreerd)],
    )


def checkout(document: Document, *, checked_out_id: str, door: str, zender: str, sinds: str) -> Checkout:
    """geefZaakdocumentbewerken: lock the document. A locked document cannot be checked out again,
    not even by the same user (DIGEST f.2: Fo02 StUF058)."""
    controleer_niet_uitgecheckt(document)
    document.checkout = Checkout(checked_out_id, door, zender, sinds)
    return document.checkout


def controleer_niet_uitgecheckt(document: Document) -> None:
    """CO-01: a checked-out document is in someone's hands; it cannot be checked out again
    (DIGEST f.2) nor unlinked from its zaak (ZDS 1.2 §4.3.9) until it is checked in or cancelled."""
    if document.checkout is not None:
        raise Bedrijfsregel(
            f"CO-01: document {document.identificatie} is uitgecheckt (sinds {document.checkout.sinds}); "
            "eerst inchecken met updateZaakdocument of annuleren met cancelCheckout"
        )


def ontkoppel(document: Document, zaak_identificatie: str) -> None:
    """ontkoppelZaakdocument_Di02: the relation between zaak and document ends (ZDS 1.2 §4.3.9;
    in the DMS removeObjectFromFolder, §5.4.10); the document itself, its versions and content
    stay. Not while checked out (CO-01); only from the zaak it is related to (OZ-01)."""
    controleer_niet_uitgecheckt(document)
    if document.zaak_identificatie != zaak_identificatie:
        raise Bedrijfsregel(
            f"OZ-01: document {document.identificatie} is niet aan zaak {zaak_identificatie} gekoppeld"
        )
    document.zaak_identificatie = None


def controleer_checkout(
    document: Document, checked_out_id: str | None, zender: str, *, vereist: bool
) -> None:
    """The lock rules for updateZaakdocument (``vereist=False``) and cancelCheckout (``True``).

    ZDS 1.1 lets updateZaakdocument change a document that is not checked out, without a
    checkedOutId (DIGEST f.2: accept both). A checkedOutId for a document that is not (or no
    longer) checked out is refused: it belongs to a lock that was released, and checking in
    under it would overwrite a newer version.
    """
    huidige = document.checkout
    if huidige is None:
        if vereist or checked_out_id:
            raise Bedrijfsregel(f"CO-03: document {document.identificatie} is niet uitgecheckt")
        return
    if checked_out_id != huidige.checked_out_id:
        raise Bedrijfsregel(
            f"CO-02: document {document.identificatie} is uitgecheckt; "
            + ("het bericht mist de checkedOutId" if not checked_out_id else "de checkedOutId hoort niet bij")
            + " de checkout"
        )
    if zender != huidige.zender:
        raise StufFout(
            f"CO-02: document {document.identificatie} is uitgecheckt door een andere gebruiker",
            code="StUF052",
        )


def nieuwe_versie(
    document: Document,
    wijzigingen: dict[str, str | None],
    inhoud: Inhoud | None,
    *,
    geregistreerd: str,
) -> Documentversie:
    """updateZaakdocument: the fields present in the message change, the rest stays as the current
    version has it; without new content the content stays too. Releases the lock (check-in).

    The label becomes the version number unless the message gives one.
    """
    huidige = document.huidige_versie
    nummer = huidige.versienummer + 1
    gegevens = dataclasses.replace(huidige.gegevens, **wijzigingen)
    if "versie" not in wijzigingen or not gegevens.versie:
        gegevens = dataclasses.replace(gegevens, versie=str(nummer))
    controleer_gegevens(gegevens)
    versie = Documentversie(nummer, gegevens, inhoud if inhoud is not None else huidige.inhoud, geregistreerd)
    document.versies.append(versie)
    document.checkout = None
    return versie


def annuleer_checkout(document: Document, checked_out_id: str | None, zender: str) -> None:
    """cancelCheckout: release the lock without a new version."""
    controleer_checkout(document, checked_out_id, zender, vereist=True)
    document.checkout = None
