"""The message profiles of SCENARIOS 2, checked on what a consumer TTA sends (PC-4).

One function per profile family (the RZS vrije berichten are in :mod:`.rzsprofielen`); each
returns reasons (empty = the message fits). A reason names the profile, the rule and what
arrived, e.g. ``MP-CZ-GZP-A: heeftBetrekkingOp 2 keer, verwacht
precies 1 (client)``. Rules that tie a message to earlier steps of the run (the gezinsplan a
levensdomeinplan refers to, the document id issued before) are ``[[stap.controle]]`` entries of
the scenario data; rules that need what the TTA created earlier (clients of the parent plan) use
:class:`~rzs.compliance.stp.staat.Staat`.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from rzs import ns
from rzs.compliance.inhoud import identificatie_fouten
from rzs.compliance.stp import rzsprofielen
from rzs.compliance.stp.rzsprofielen import Profiel
from rzs.compliance.stp.staat import PREFIXEN, Staat, tekst

#: Variant -> required counts: clients, belanghebbenden, uitvoerende medewerkers, uitvoerende vestigingen
#: (SCENARIOS 3.1 REG-01..03; LDP-C and DPL-C have 2 clients, GZP-C 3).
_AANTALLEN: dict[str, tuple[int, int, int, int]] = {
    "GZP-A": (1, 1, 1, 0),
    "GZP-B": (1, 0, 0, 0),
    "GZP-C": (3, 2, 2, 2),
    "LDP-A": (1, 1, 1, 0),
    "LDP-B": (1, 0, 0, 0),
    "LDP-C": (2, 2, 2, 2),
    "DPL-A": (1, 1, 1, 0),
    "DPL-B": (1, 0, 0, 0),
    "DPL-C": (2, 2, 2, 2),
}
#: Number of heeftBetrekkingOpAndere per plan kind (DIGEST d.3).
_KOPPELINGEN = {"GZP": 0, "LDP": 1, "DPL": 2}


def _alle(root: etree._Element, pad: str) -> list[etree._Element]:
    return list(root.iterfind(pad, PREFIXEN))


def _aantal(profiel: str, obj: etree._Element, pad: str, verwacht: int, wat: str) -> list[str]:
    gevonden = len(_alle(obj, pad))
    if gevonden != verwacht:
        return [f"{profiel}: {pad} {gevonden} keer, verwacht precies {verwacht} ({wat})"]
    return []


def _mutatiesoort(profiel: str, root: etree._Element, verwacht: str, objecten: int) -> list[str]:
    redenen = []
    soort = tekst(root, "ZKN:parameters/StUF:mutatiesoort")
    if soort != verwacht:
        redenen.append(f"{profiel}: parameters/mutatiesoort {soort!r}, verwacht {verwacht!r} (DIGEST c.5)")
    if len(_alle(root, "ZKN:object")) != objecten:
        redenen.append(
            f"{profiel}: {len(_alle(root, 'ZKN:object'))} object(en), verwacht {objecten} (DIGEST c.7.1)"
        )
    return redenen


def creeer_zaak(profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]) -> list[str]:
    """MP-CZ-{GZP,LDP,DPL}-{A,B,C}: DIGEST d.3 and the counts of REG-01..03; MP-CZ-GEN (backoffice
    sheet, generic zaaktype): the ZDS rules only, no plan rules (SCENARIOS 2)."""
    variant = profiel.removeprefix("MP-CZ-")
    soort = variant[:3]
    if soort == "GEN":
        return _creeer_generiek(profiel, root, staat, waarden)
    redenen = _mutatiesoort(profiel, root, "T", 1)
    obj = root.find("ZKN:object", PREFIXEN)
    if obj is None:
        return redenen
    redenen += _zaak_basis(profiel, obj, staat)
    redenen += _zaaktype(profiel, obj, soort, waarden)
    redenen += _initiator(profiel, obj, soort)
    clients = _alle(obj, "ZKN:heeftBetrekkingOp")
    for nr, client in enumerate(clients, 1):
        omschrijving = tekst(client, "ZKN:omschrijving")
        if omschrijving != "Client":
            redenen.append(
                f"{profiel}: heeftBetrekkingOp {nr} heeft omschrijving {omschrijving!r}, verwacht 'Client' "
                "(vaste waarde, DIGEST d.3)"
            )
        if not tekst(client, "ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn"):
            redenen.append(f"{profiel}: heeftBetrekkingOp {nr} zonder natuurlijkPersoon/inp.bsn (DIGEST d.1)")
    if variant in _AANTALLEN:
        n_client, n_blh, n_mdw, n_ves = _AANTALLEN[variant]
        redenen += _aantal(profiel, obj, "ZKN:heeftBetrekkingOp", n_client, "client")
        redenen += _aantal(profiel, obj, "ZKN:heeftAlsBelanghebbende", n_blh, "belanghebbende")
        redenen += _aantal(
            profiel, obj, "ZKN:heeftAlsUitvoerende/ZKN:gerelateerde/ZKN:medewerker", n_mdw, "medewerker"
        )
        redenen += _aantal(
            profiel, obj, "ZKN:heeftAlsUitvoerende/ZKN:gerelateerde/ZKN:vestiging", n_ves, "vestiging"
        )
    redenen += _aantal(
        profiel, obj, "ZKN:heeftBetrekkingOpAndere", _KOPPELINGEN.get(soort, 0), "koppeling aan plan"
    )
    redenen += _clients_van_ouder(profiel, obj, soort, staat)
    return redenen


def _zaak_basis(profiel: str, obj: etree._Element, staat: Staat) -> list[str]:
    """Every new zaak: a valid identificatie that is new or the one just issued, and the ZDS v-fields."""
    ident = tekst(obj, "ZKN:identificatie")
    redenen = [f"{profiel}: {r}" for r in identificatie_fouten(ident, [])]
    if ident in staat.zaken:
        redenen.append(
            f"{profiel}: zaak {ident!r} bestaat al; een nieuwe zaak heeft een nieuwe identificatie"
        )
    elif staat.zaakidentificaties and ident in staat.zaakidentificaties[:-1]:
        redenen.append(
            f"{profiel}: identificatie {ident!r} is een eerder uitgegeven, niet de zojuist uitgegeven "
            f"{staat.zaakidentificaties[-1]!r} (REG-01 controle)"
        )
    for veld in ("startdatum", "registratiedatum", "zaakniveau", "deelzakenIndicatie"):
        if not tekst(obj, f"ZKN:{veld}"):
            redenen.append(f"{profiel}: {veld} ontbreekt (verplicht, DIGEST d.9 BR-02)")
    return redenen


def _creeer_generiek(
    profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]
) -> list[str]:
    """MP-CZ-GEN: identificatie, v-fields, isVan with a code that is not a plan zaaktype, one initiator."""
    redenen = _mutatiesoort(profiel, root, "T", 1)
    obj = root.find("ZKN:object", PREFIXEN)
    if obj is None:
        return redenen
    redenen += _zaak_basis(profiel, obj, staat)
    isvan = _alle(obj, "ZKN:isVan")
    code = tekst(isvan[0], "ZKN:gerelateerde/ZKN:code") if len(isvan) == 1 else ""
    if not code:
        redenen.append(f"{profiel}: precies 1 isVan met gerelateerde/code nodig (zaaktypecode is v)")
    plannen = {waarden.get("gezinsplan_zaaktype_code"), waarden.get("levensdomeinplan_zaaktype_code")}
    if code and code in plannen:
        redenen.append(
            f"{profiel}: zaaktype {code!r} is een plan-zaaktype; het backofficeblad test generieke "
            "zaaktypen (testset 1.0.1)"
        )
    initiators = len(_alle(obj, "ZKN:heeftAlsInitiator"))
    if initiators != 1:
        redenen.append(f"{profiel}: heeftAlsInitiator {initiators} keer, verwacht precies 1 (ZDS creeerZaak)")
    return redenen


def _zaaktype(profiel: str, obj: etree._Element, soort: str, waarden: Mapping[str, str]) -> list[str]:
    isvan = _alle(obj, "ZKN:isVan")
    if len(isvan) != 1:
        return [f"{profiel}: isVan {len(isvan)} keer, verwacht precies 1 (DIGEST d.9 BR-03)"]
    code = tekst(isvan[0], "ZKN:gerelateerde/ZKN:code")
    redenen = []
    if not code or not tekst(isvan[0], "ZKN:gerelateerde/ZKN:omschrijving"):
        redenen.append(f"{profiel}: isVan/gerelateerde heeft code en omschrijving nodig (DIGEST d.3)")
    plancodes = {
        "GZP": waarden.get("gezinsplan_zaaktype_code", ""),
        "LDP": waarden.get("levensdomeinplan_zaaktype_code", ""),
    }
    if soort in plancodes and code != plancodes[soort]:
        redenen.append(f"{profiel}: zaaktypecode {code!r}, verwacht {plancodes[soort]!r} (appendix B/C)")
    if soort == "DPL" and code in plancodes.values():
        redenen.append(f"{profiel}: een deelplan heeft een sociaal-domein zaaktype, niet {code!r}")
    return redenen


def _initiator(profiel: str, obj: etree._Element, soort: str) -> list[str]:
    initiators = _alle(obj, "ZKN:heeftAlsInitiator")
    if len(initiators) != 1:
        return [f"{profiel}: heeftAlsInitiator {len(initiators)} keer, verwacht precies 1 (BR-04)"]
    mdw = initiators[0].find("ZKN:gerelateerde/ZKN:medewerker", PREFIXEN)
    if soort == "DPL":
        nps = tekst(initiators[0], "ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn")
        if (mdw is None or not tekst(mdw, "ZKN:achternaam")) and not nps:
            return [f"{profiel}: initiator is een medewerker met achternaam of een persoon met BSN (BR-04)"]
        return []
    if mdw is None or not tekst(mdw, "ZKN:identificatie") or not tekst(mdw, "ZKN:achternaam"):
        return [f"{profiel}: initiator medewerker met identificatie en achternaam ontbreekt (BR-04)"]
    return []


def _clients_van_ouder(profiel: str, obj: etree._Element, soort: str, staat: Staat) -> list[str]:
    """LDP clients are clients of its gezinsplan; a DPL shares at least one (DIGEST d.2, BR-08)."""
    eigen = {
        tekst(r, "ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn")
        for r in _alle(obj, "ZKN:heeftBetrekkingOp")
    }
    redenen = []
    for koppeling in _alle(obj, "ZKN:heeftBetrekkingOpAndere/ZKN:gerelateerde/ZKN:identificatie"):
        ouder = staat.zaken.get((koppeling.text or "").strip())
        if ouder is None or ouder.zaaktype_code != staat.gezinsplan_code:
            continue
        if soort == "LDP" and not eigen <= ouder.clients:
            redenen.append(
                f"{profiel}: clients {sorted(eigen - ouder.clients)} zijn geen client van het gezinsplan"
            )
        if soort == "DPL" and not eigen & ouder.clients:
            redenen.append(f"{profiel}: geen van de clients is client van het gezinsplan (BR-08)")
    return redenen


def _relatie_paar(root: etree._Element, naam: str) -> tuple[etree._Element | None, etree._Element | None]:
    objecten = _alle(root, "ZKN:object")
    if len(objecten) != 2:
        return None, None
    return objecten[0].find(f"ZKN:{naam}", PREFIXEN), objecten[1].find(f"ZKN:{naam}", PREFIXEN)


def _placeholder(relatie: etree._Element | None, soort: str) -> bool:
    """An empty relation with ``xsi:nil`` and noValue geenWaarde (DIGEST c.7.3)."""
    return (
        relatie is not None
        and relatie.get(ns.NIL) == "true"
        and relatie.get(ns.NOVALUE) == "geenWaarde"
        and relatie.get(ns.VERWERKINGSSOORT) == soort
        and not len(relatie)
    )


def update_zaak(profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]) -> list[str]:
    """MP-UZ-{ONE,ALL,ADD-BLH,DEL-UTV,REPL-VES}: DIGEST d.4 and c.7.3."""
    redenen = _mutatiesoort(profiel, root, "W", 2)
    objecten = _alle(root, "ZKN:object")
    if len(objecten) != 2:
        return redenen
    oud, huidig = objecten
    ids = {tekst(oud, "ZKN:identificatie"), tekst(huidig, "ZKN:identificatie")}
    if len(ids) != 1 or "" in ids:
        redenen.append(f"{profiel}: identificatie ontbreekt of verschilt tussen oud en huidig (kerngegeven)")
    ident = tekst(huidig, "ZKN:identificatie")
    if ident and ident not in staat.zaken:
        redenen.append(f"{profiel}: zaak {ident!r} is in deze run niet aangemaakt")
    if huidig.find("ZKN:isVan", PREFIXEN) is not None and _tekst_van(oud, "isVan") != _tekst_van(
        huidig, "isVan"
    ):
        redenen.append(f"{profiel}: het zaaktype (isVan) mag niet wijzigen (DIGEST d.4)")
    gewijzigd = [
        ns.local_name(e.tag)
        for e in huidig
        if isinstance(e.tag, str)
        and not len(e)
        and ns.local_name(e.tag) != "identificatie"
        and _tekst_van(oud, ns.local_name(e.tag)) != (e.text or "").strip()
    ]
    soort = profiel.removeprefix("MP-UZ-")
    if soort == "ONE" and len(gewijzigd) < 1:
        redenen.append(f"{profiel}: geen gegeven gewijzigd (oud en huidig gelijk)")
    if soort == "ALL" and len(gewijzigd) < 2:
        redenen.append(f"{profiel}: alle bestaande gegevens wijzigen, maar gewijzigd is alleen {gewijzigd}")
    if soort == "ADD-BLH":
        o, h = _relatie_paar(root, "heeftAlsBelanghebbende")
        if not _placeholder(o, "T") or h is None or h.get(ns.VERWERKINGSSOORT) != "T":
            redenen.append(
                f"{profiel}: belanghebbende toevoegen = oud lege relatie T (nil, geenWaarde), "
                "huidig relatie T"
            )
        elif not tekst(h, "ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn"):
            redenen.append(f"{profiel}: de nieuwe belanghebbende heeft geen inp.bsn")
    if soort == "DEL-UTV":
        o, h = _relatie_paar(root, "heeftAlsUitvoerende")
        ok = (
            o is not None
            and o.get(ns.VERWERKINGSSOORT) in ("V", "E")
            and o.find(".//ZKN:medewerker", PREFIXEN) is not None
        )
        if not ok or not _placeholder(h, o.get(ns.VERWERKINGSSOORT, "V") if o is not None else "V"):
            redenen.append(
                f"{profiel}: uitvoerende verwijderen = oud relatie V/E met medewerker, huidig lege relatie"
            )
    if soort == "REPL-VES":
        o, h = _relatie_paar(root, "heeftAlsUitvoerende")
        vervangen = (
            o is not None
            and h is not None
            and o.get(ns.VERWERKINGSSOORT) == "R" == h.get(ns.VERWERKINGSSOORT)
        )
        if not vervangen or o is None or h is None or not tekst(h, ".//BG:vestigingsNummer"):
            redenen.append(
                f"{profiel}: vestiging vervangen = relatie R in oud en huidig met vestigingsNummer"
            )
        elif tekst(o, ".//BG:vestigingsNummer") == tekst(h, ".//BG:vestigingsNummer"):
            redenen.append(f"{profiel}: oude en nieuwe vestiging zijn dezelfde")
    return redenen


def _tekst_van(obj: etree._Element, naam: str) -> str:
    gevonden = obj.find(f"ZKN:{naam}", PREFIXEN)
    if gevonden is None:
        return ""
    return "".join(t.strip() for t in gevonden.itertext())


def actualiseer_zaakstatus(
    profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]
) -> list[str]:
    """MP-AZS: DIGEST c.7.6 (oud placeholder, huidig heeft T with statustype and datumStatusGezet)."""
    redenen = _mutatiesoort(profiel, root, "W", 2)
    o, h = _relatie_paar(root, "heeft")
    if not _placeholder(o, "T"):
        redenen.append(
            f"{profiel}: oud heeft een lege heeft-relatie T (nil, geenWaarde) nodig (DIGEST c.7.6)"
        )
    if h is None or h.get(ns.VERWERKINGSSOORT) != "T":
        return [*redenen, f"{profiel}: huidig mist de nieuwe heeft-relatie (verwerkingssoort T)"]
    if not tekst(h, "ZKN:gerelateerde/ZKN:omschrijving") or not tekst(h, "ZKN:gerelateerde/ZKN:volgnummer"):
        redenen.append(f"{profiel}: statustype heeft volgnummer en omschrijving nodig")
    gezet = tekst(h, "ZKN:datumStatusGezet")
    if len(gezet) < 12:
        redenen.append(f"{profiel}: datumStatusGezet {gezet!r} moet datum en tijd bevatten (DIGEST c.7.6)")
    ident = tekst(_alle(root, "ZKN:object")[-1], "ZKN:identificatie")
    if ident not in staat.zaken:
        redenen.append(f"{profiel}: zaak {ident!r} is in deze run niet aangemaakt")
    return redenen


_DOCUMENTVELDEN = (
    "identificatie",
    "creatiedatum",
    "titel",
    "formaat",
    "taal",
    "vertrouwelijkAanduiding",
    "auteur",
)


def document(profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]) -> list[str]:
    """MP-VZT / MP-MZD: DIGEST f.4 (document fields, isRelevantVoor a known zaak; inhoud for VZT)."""
    redenen = _mutatiesoort(profiel, root, "T", 1)
    obj = root.find("ZKN:object", PREFIXEN)
    if obj is None:
        return redenen
    redenen += [
        f"{profiel}: {veld} ontbreekt (DIGEST f.4)"
        for veld in _DOCUMENTVELDEN
        if not tekst(obj, f"ZKN:{veld}")
    ]
    zaak = tekst(obj, "ZKN:isRelevantVoor/ZKN:gerelateerde/ZKN:identificatie")
    if zaak not in staat.zaken:
        redenen.append(f"{profiel}: isRelevantVoor noemt zaak {zaak!r}, die in deze run niet is aangemaakt")
    inhoud = obj.find("ZKN:inhoud", PREFIXEN)
    if profiel == "MP-VZT" and (inhoud is None or not (inhoud.text or "").strip()):
        redenen.append(f"{profiel}: inhoud ontbreekt (voegZaakdocumentToe levert de inhoud mee)")
    elif profiel == "MP-VZT" and inhoud is not None and not inhoud.get(ns.stuf("bestandsnaam")):
        redenen.append(f"{profiel}: inhoud zonder StUF:bestandsnaam")
    ident = tekst(obj, "ZKN:identificatie")
    if ident in staat.documenten:
        redenen.append(f"{profiel}: document {ident!r} bestaat al")
    return redenen


def vrij_bericht(profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]) -> list[str]:
    """MP-GZI-REQ / MP-GDI-REQ (no body), MP-GZB-REQ, MP-UZD (checkedOutId of the checkout)."""
    if profiel in ("MP-GZI-REQ", "MP-GDI-REQ"):
        extra = [ns.local_name(k.tag) for k in root if isinstance(k.tag, str)][1:]
        return [f"{profiel}: het verzoek heeft geen body, wel: {', '.join(extra)}"] if extra else []
    if profiel == "MP-GZB-REQ":
        ident = tekst(root, "ZKN:edcLv01/ZKN:gelijk/ZKN:identificatie")
        return (
            []
            if ident in staat.documenten
            else [f"{profiel}: document {ident!r} is in deze run niet toegevoegd"]
        )
    objecten = _alle(root, "ZKN:edcLk02/ZKN:object")
    if not objecten:
        return [f"{profiel}: edcLk02/object ontbreekt"]
    document = staat.documenten.get(tekst(objecten[-1], "ZKN:identificatie"))
    if document is None:
        return [
            f"{profiel}: document {tekst(objecten[-1], 'ZKN:identificatie')!r} is in deze run niet toegevoegd"
        ]
    checked_out = tekst(root, "ZKN:parameters/ZKN:checkedOutId")
    if document.checked_out_id and checked_out != document.checked_out_id:
        return [
            f"{profiel}: checkedOutId {checked_out!r}, verwacht {document.checked_out_id!r} "
            " (uit de Du02 van geefZaakdocumentbewerken)"
        ]
    return []


def vraag(profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]) -> list[str]:
    """MP-GZS-REQ, MP-GZD-REQ(-BLH), MP-GLZ-REQ, MP-GZL-REQ: gelijk/identificatie and the scope."""
    ident = tekst(root, "ZKN:gelijk/ZKN:identificatie")
    if not ident:
        return [f"{profiel}: gelijk/identificatie ontbreekt"]
    bekend = staat.documenten if profiel == "MP-GZL-REQ" else staat.zaken
    redenen = [] if ident in bekend else [f"{profiel}: {ident!r} is in deze run niet aangemaakt"]
    scope = root.find("ZKN:scope/ZKN:object", PREFIXEN)
    if scope is None:
        return [*redenen, f"{profiel}: scope/object ontbreekt (de TTA vraagt wat het nodig heeft)"]
    namen = {ns.local_name(k.tag) for k in scope if isinstance(k.tag, str)}
    nodig = {"MP-GZS-REQ": "heeft", "MP-GLZ-REQ": "heeftRelevant", "MP-GZD-REQ-BLH": "heeftAlsBelanghebbende"}
    if profiel in nodig and nodig[profiel] not in namen:
        redenen.append(f"{profiel}: scope vraagt niet naar {nodig[profiel]}")
    teveel = sorted(namen - {"identificatie", "heeftAlsBelanghebbende"})
    if profiel == "MP-GZD-REQ-BLH" and teveel:
        redenen.append(f"{profiel}: scope vraagt alleen belanghebbenden (REG-14), ook: {teveel}")
    return redenen


def profiel(naam: str) -> Profiel | None:
    """The check for a profile name of the scenario data, or None for profiles without rules."""
    if naam.startswith("MP-CZ-"):
        return creeer_zaak
    if naam.startswith("MP-UZ-"):
        return update_zaak
    if naam.startswith(("MP-NOZ-", "MP-INOZ-")):
        return rzsprofielen.notificatie
    return _PROFIELEN.get(naam)


_PROFIELEN: dict[str, Profiel] = {
    "MP-AZS": actualiseer_zaakstatus,
    "MP-VZT": document,
    "MP-MZD": document,
    "MP-GZI-REQ": vrij_bericht,
    "MP-GDI-REQ": vrij_bericht,
    "MP-GZB-REQ": vrij_bericht,
    "MP-UZD": vrij_bericht,
    "MP-GZS-REQ": vraag,
    "MP-GZD-REQ": vraag,
    "MP-GZD-REQ-BLH": vraag,
    "MP-GLZ-REQ": vraag,
    "MP-GZL-REQ": vraag,
    "MP-OZ-DI01": rzsprofielen.overdragen_zaak,
    "MP-OZ-DU01": rzsprofielen.overdragen_zaak_du01,
}
