"""What every example shares: one zeep client on the root WSDL, stuurgegevens, and a zaak to work on.

A vendor needs only zeep (and the lxml it brings). ``GET <base>/?wsdl`` binds every operation at
``<base>/``, in four ports (one per service); ``bind`` picks the port of an operation's service.
"""

from __future__ import annotations

import datetime
import itertools
import uuid
from typing import Any

import zeep
from lxml import etree

#: The ports of the root WSDL (``GET /?wsdl``): one per service, all at ``/``.
ASYNCHROON = "zkn_OntvangAsynchroon"  # creeerZaak, updateZaak, ... (Lk01/Di01 -> Bv03)
VRAGEN = "zkn_BeantwoordVraag"  # geefZaakdetails, ... (Lv01 -> La01)
VRIJ = "zkn_VrijeBerichten"  # genereer*, checkout, ontkoppelZaakdocument (Di02 -> Du02/Bv02)
RZS = "rzs_OntvangAsynchroon"  # notificeerOverZaak, overdragenZaak (Di01/Du01 -> Bv03)

#: Who we are (zender) and whom we address (ontvanger: the server answers to applicatie RZS).
ZENDER = {"organisatie": "1900", "applicatie": "LEVERANCIER", "gebruiker": "medewerker-1"}
ONTVANGER = {"applicatie": "RZS"}

ZKN = "http://www.egem.nl/StUF/sector/zkn/0310"
BG = "http://www.egem.nl/StUF/sector/bg/0310"
STUF = "http://www.egem.nl/StUF/StUF0301"

_volgnummer = itertools.count()


def verbind(url: str, **opties: Any) -> zeep.Client:
    """A zeep client on our root WSDL. ``strict=True`` (the default) refuses unexpected replies."""
    return zeep.Client(f"{url}/?wsdl", **opties)


def dienst(client: zeep.Client, poort: str) -> Any:
    """The operations of one port (``dienst(client, VRIJ).genereerZaakIdentificatie_Di02(...)``)."""
    return client.bind("StufRzs", poort)


def stuurgegevens(berichtcode: str, **extra: Any) -> dict[str, Any]:
    """StUF stuurgegevens; ``extra`` is ``entiteittype=`` (Lk01/Lv01) or ``functie=`` (Di01/Di02),
    or replaces a default (``ontvanger=``).

    Every message needs a referentienummer of its own: the server deduplicates on zender +
    referentienummer (a repeated one is answered as the first was).
    """
    tijdstip = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")[:15]
    return {
        "berichtcode": berichtcode,
        "zender": ZENDER,
        "ontvanger": ONTVANGER,
        "referentienummer": f"LEV-{uuid.uuid4().hex[:20]}",
        "tijdstipBericht": f"{tijdstip}{next(_volgnummer) % 100:02d}",
        **extra,
    }


def vandaag() -> str:
    return datetime.date.today().strftime("%Y%m%d")


def genereer_zaakidentificatie(client: zeep.Client) -> str:
    """genereerZaakIdentificatie_Di02 -> Du02. ``identificatie`` has attributes (``StUF:exact``),
    so zeep gives its text as ``_value_1``."""
    antwoord = dienst(client, VRIJ).genereerZaakIdentificatie_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="genereerZaakidentificatie")
    )
    return str(antwoord.zaak.identificatie._value_1)


def creeer_zaak(client: zeep.Client, omschrijving: str = "Aanvraag jeugdhulp") -> str:
    """creeerZaak_Lk01 of a Jeugdhulp zaak (zaaktype JGD) with a burger as initiator -> Bv03.

    ``object`` is a list: one object for a creeerZaak (mutatiesoort T), two (oud, huidig) for
    most updates. ``gerelateerde`` of a betrokkene is a choice: name the one you send.
    """
    identificatie = genereer_zaakidentificatie(client)
    zaak = {
        "entiteittype": "ZAK",
        "verwerkingssoort": "T",
        "identificatie": identificatie,
        "omschrijving": omschrijving,
        "toelichting": "Aangevraagd via het portaal",
        "startdatum": vandaag(),
        "registratiedatum": vandaag(),
        "zaakniveau": "1",
        "deelzakenIndicatie": "N",
        "isVan": {
            "entiteittype": "ZAKZKT",
            "verwerkingssoort": "T",
            "gerelateerde": {"entiteittype": "ZKT", "verwerkingssoort": "I", "code": "JGD"},
        },
        "heeftAlsInitiator": {
            "entiteittype": "ZAKBTRINI",
            "verwerkingssoort": "T",
            "gerelateerde": {
                "natuurlijkPersoon": {
                    "entiteittype": "NPS",
                    "verwerkingssoort": "T",
                    "inp.bsn": "111222333",
                    "geslachtsnaam": "Vries",
                    "voorvoegselGeslachtsnaam": "de",
                }
            },
            "omschrijving": "Aanvrager",
        },
    }
    bv03 = dienst(client, ASYNCHROON).creeerZaak_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="ZAK"),
        parameters={"mutatiesoort": "T", "indicatorOvername": "V"},
        object=[zaak],
    )
    # A Bv03Bericht has only stuurgegevens, so zeep returns those: crossRefnummer is our referentienummer.
    assert bv03.berichtcode == "Bv03"
    return identificatie


def vraag(client: zeep.Client, operatie: str, gelijk: dict[str, Any], scope_object: dict[str, Any]) -> Any:
    """A zakLv01 question (geefZaakdetails, geefZaakstatus, geefLijstZaakdocumenten,
    geefLijstBesluiten): ``gelijk`` selects, ``scope_object`` names what comes back (``xsd.Nil``)."""
    return getattr(dienst(client, VRAGEN), operatie)(
        stuurgegevens=stuurgegevens("Lv01", entiteittype="ZAK"),
        parameters={"sortering": 0, "indicatorVervolgvraag": False},
        gelijk={"entiteittype": "ZAK", **gelijk},
        scope={"object": {"entiteittype": "ZAK", **scope_object}},
    )


def genereer_documentidentificatie(client: zeep.Client) -> str:
    du02 = dienst(client, VRIJ).genereerDocumentIdentificatie_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="genereerDocumentidentificatie")
    )
    return str(du02.document.identificatie._value_1)


def zaakdocument(identificatie: str, zaak: str, inhoud: bytes | None, titel: str) -> dict[str, Any]:
    """An EDC object for voegZaakdocumentToe/maakZaakdocument: the required attributes (BR-13),
    ``inhoud`` as bytes (zeep writes base64), related to ``zaak`` by ``isRelevantVoor``."""
    document: dict[str, Any] = {
        "entiteittype": "EDC",
        "verwerkingssoort": "T",
        "identificatie": identificatie,
        "dct.omschrijving": "Aanvraag",
        "creatiedatum": vandaag(),
        "ontvangstdatum": vandaag(),
        "titel": titel,
        "formaat": "text/plain",
        "taal": "nld",
        "vertrouwelijkAanduiding": "VERTROUWELIJK",
        "auteur": "medewerker-1",
        "isRelevantVoor": {
            "entiteittype": "EDCZAK",
            "verwerkingssoort": "T",
            "gerelateerde": {"entiteittype": "ZAK", "verwerkingssoort": "I", "identificatie": zaak},
        },
    }
    if inhoud is not None:
        # Content with attributes: the bytes go in _value_1, the attributes by their local names.
        document["inhoud"] = {"_value_1": inhoud, "bestandsnaam": "aanvraag.txt", "contentType": "text/plain"}
    return document


def lees_zaakdocument(client: zeep.Client, identificatie: str) -> Any:
    """geefZaakdocumentLezen_Lv01 with ``StUF:scope="alles"``: the document with its content."""
    la01 = dienst(client, VRAGEN).geefZaakdocumentLezen_Lv01(
        stuurgegevens=stuurgegevens("Lv01", entiteittype="EDC"),
        parameters={"sortering": 0, "indicatorVervolgvraag": False},
        gelijk={"entiteittype": "EDC", "identificatie": identificatie},
        scope={"object": {"entiteittype": "EDC", "scope": "alles"}},
    )
    return la01.antwoord.object[0]


def stuf_fout(client: zeep.Client, fout: zeep.exceptions.Fault) -> dict[str, Any]:
    """The Fo02/Fo03 of a fault: berichtcode, StUF code, plek and details."""
    assert fout.detail is not None
    bericht: etree._Element = next(e for e in fout.detail if isinstance(e.tag, str))
    # Typed: the same element parsed by zeep (Fo02Bericht or Fo03Bericht from the WSDL's schema).
    fo = client.get_element(bericht.tag).parse(bericht, client.wsdl.types)
    return {
        "faultcode": fout.code,
        "berichtcode": fo.stuurgegevens.berichtcode,
        "code": fo.body.code,
        "plek": fo.body.plek,
        # Or with lxml alone:
        "details": bericht.findtext(f"{{{STUF}}}body/{{{STUF}}}details"),
    }
