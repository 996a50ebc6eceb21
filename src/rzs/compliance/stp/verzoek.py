"""PC-1/PC-3 on what a consumer TTA sends: right operation, SOAPAction and stuurgegevens (DIGEST b.2, c.2).

The STP is the receiver here, so the rules are those of a zaaksysteem: the ontvanger is the STP,
asynchronous messages carry referentienummer (unique per zender) and a strictly increasing
tijdstipBericht, berichtcode and entiteittype/functie fit the operation.
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.compliance import bronnen
from rzs.compliance.client import DIENSTEN, OPERATIES
from rzs.compliance.stp.soap import Verzoek
from rzs.compliance.stp.staat import PREFIXEN, tekst

#: Root element of each operation's request (DIGEST b.2).
ROOTS: dict[str, str] = {
    "creeerZaak_Lk01": ns.zkn("zakLk01"),
    "updateZaak_Lk01": ns.zkn("zakLk01"),
    "actualiseerZaakstatus_Lk01": ns.zkn("zakLk01"),
    "voegZaakdocumentToe_Lk01": ns.zkn("edcLk01"),
    "maakZaakdocument_Lk01": ns.zkn("edcLk01"),
    "geefZaakstatus_Lv01": ns.zkn("zakLv01"),
    "geefZaakdetails_Lv01": ns.zkn("zakLv01"),
    "geefLijstZaakdocumenten_Lv01": ns.zkn("zakLv01"),
    "geefZaakdocumentLezen_Lv01": ns.zkn("edcLv01"),
    "notificeerOverZaak": ns.rzs("notificeerOverZaak_Di01"),
    "initieerNotificeerOverZaak": ns.rzs("initieerNotificeerOverZaak_Di01"),
    "overdragenZaak": ns.rzs("overdragenZaak_Di01"),
    "bevestigOverdragenZaak": ns.rzs("overdragenZaak_Du01"),
}
#: stuurgegevens/functie of the vrije berichten (DIGEST c.2).
FUNCTIES: dict[str, str] = {
    "genereerZaakIdentificatie_Di02": "genereerZaakidentificatie",
    "genereerDocumentIdentificatie_Di02": "genereerDocumentidentificatie",
    "geefZaakdocumentbewerken_Di02": "geefZaakdocumentbewerken",
    "updateZaakdocument_Di02": "updateZaakdocument",
    "cancelCheckout_Di02": "cancelCheckout",
    "notificeerOverZaak": "notificeerOverZaak",
    "initieerNotificeerOverZaak": "notificeerOverZaak",
    "overdragenZaak": "overdragenZaak",
    "bevestigOverdragenZaak": "overdragenZaak",
}


def root(operatie: str) -> str:
    return ROOTS.get(operatie, ns.zkn(operatie))


def soapaction(operatie: str) -> str:
    """The WSDL's soapAction (DIGEST b.2; the RZS ones use the egem.nl sector/rzs base, g.7)."""
    rzs = OPERATIES[operatie].dienst.startswith("RZS")
    return (ns.RZS_ACTION if rzs else ns.ZKN_ACTION) + operatie


def operatie_van(action: str) -> str | None:
    return next((op for op in OPERATIES if soapaction(op) == action), None)


def berichtcode(operatie: str) -> str:
    if operatie == "bevestigOverdragenZaak":
        return "Du01"
    if operatie in ROOTS and ns.namespace_of(ROOTS[operatie]) == ns.RZS:
        return "Di01"
    return operatie.rsplit("_", 1)[-1]


class Afzenders:
    """referentienummer unique and tijdstipBericht increasing per zender over the whole run (DIGEST c.2)."""

    def __init__(self) -> None:
        self.referenties: set[tuple[str, str]] = set()
        self.tijdstippen: dict[str, str] = {}

    def controleer(self, zender: str, ref: str, tijdstip: str) -> list[str]:
        redenen = []
        if ref and (zender, ref) in self.referenties:
            redenen.append(f"referentienummer {ref!r} is al eerder door {zender} gebruikt (uniek per zender)")
        vorige = self.tijdstippen.get(zender, "")
        if tijdstip and vorige and tijdstip <= vorige:
            redenen.append(f"tijdstipBericht {tijdstip} is niet groter dan het vorige {vorige} (DIGEST c.2)")
        return redenen

    def onthoud(self, zender: str, ref: str, tijdstip: str) -> None:
        if ref:
            self.referenties.add((zender, ref))
        if tijdstip:
            self.tijdstippen[zender] = max(tijdstip, self.tijdstippen.get(zender, ""))


def systeem(sg: etree._Element | None, naam: str) -> str:
    """``organisatie/applicatie`` of zender or ontvanger ('' when absent)."""
    if sg is None or sg.find(f"StUF:{naam}", PREFIXEN) is None:
        return ""
    return f"{tekst(sg, f'StUF:{naam}/StUF:organisatie')}/{tekst(sg, f'StUF:{naam}/StUF:applicatie')}"


def stuurgegevens(body: etree._Element, operatie: str, stp: str, afzenders: Afzenders) -> list[str]:
    """PC-3 on a request: berichtcode, entiteittype/functie, ontvanger = the STP, async identifiers."""
    sg = body.find(f"{{{ns.namespace_of(body.tag)}}}stuurgegevens")
    if sg is None:
        return ["stuurgegevens ontbreken"]
    redenen = []
    code = tekst(sg, "StUF:berichtcode")
    if code != berichtcode(operatie):
        redenen.append(f"berichtcode {code!r}, verwacht {berichtcode(operatie)!r}")
    if operatie in FUNCTIES and tekst(sg, "StUF:functie") != FUNCTIES[operatie]:
        redenen.append(
            f"stuurgegevens/functie {tekst(sg, 'StUF:functie')!r}, verwacht {FUNCTIES[operatie]!r}"
        )
    elif operatie not in FUNCTIES:
        verwacht = "EDC" if ns.local_name(root(operatie)).startswith("edc") else "ZAK"
        if tekst(sg, "StUF:entiteittype") != verwacht:
            redenen.append(
                f"stuurgegevens/entiteittype {tekst(sg, 'StUF:entiteittype')!r}, verwacht {verwacht!r}"
            )
    zender, ontvanger = systeem(sg, "zender"), systeem(sg, "ontvanger")
    if not tekst(sg, "StUF:zender/StUF:applicatie"):
        redenen.append("zender/applicatie ontbreekt: de STP moet weten wie het bericht stuurt")
    if ontvanger != stp:
        redenen.append(f"ontvanger {ontvanger or '(afwezig)'} is niet de STP {stp} (StUF010)")
    ref, tijdstip = tekst(sg, "StUF:referentienummer"), tekst(sg, "StUF:tijdstipBericht")
    if not OPERATIES[operatie].synchroon:
        if not ref:
            redenen.append("referentienummer ontbreekt (verplicht in asynchrone berichten, DIGEST c.2)")
        if not tijdstip:
            redenen.append("tijdstipBericht ontbreekt (verplicht in asynchrone berichten, DIGEST c.2)")
    redenen += afzenders.controleer(zender, ref, tijdstip)
    return redenen


def controleer(
    operatie: str, binnen: Verzoek, body: etree._Element, stp: str, afzenders: Afzenders
) -> list[str]:
    """PC-1 (endpoint, SOAPAction, root), PC-2 (schema) and PC-3 (stuurgegevens) of a message sent as
    ``operatie``: everything that does not depend on the scenario step. Remembers the message's
    referentienummer and tijdstipBericht for the uniqueness rules."""
    redenen = []
    pad = DIENSTEN[OPERATIES[operatie].dienst].pad
    if binnen.pad not in ("/", pad):
        redenen.append(f"bericht op {binnen.pad}; {operatie} hoort op {pad} (of / voor alle typen)")
    if binnen.soapaction != soapaction(operatie):
        redenen.append(
            f"SOAPAction {binnen.soapaction!r}, verwacht {soapaction(operatie)!r} "
            f"voor {operatie} (DIGEST b.2)"
        )
    if body.tag != root(operatie):
        return [
            *redenen,
            f"bericht {ns.local_name(body.tag)}, verwacht {ns.local_name(root(operatie))} ({operatie})",
        ]
    redenen += bronnen.schemafouten(body)
    redenen += stuurgegevens(body, operatie, stp, afzenders)
    sg = body.find(f"{{{ns.namespace_of(body.tag)}}}stuurgegevens")
    if sg is not None:
        afzenders.onthoud(
            systeem(sg, "zender"), tekst(sg, "StUF:referentienummer"), tekst(sg, "StUF:tijdstipBericht")
        )
    return redenen
