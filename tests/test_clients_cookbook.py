"""docs/clients.md, the zeep cookbook for vendors: every example runs against our real server.

Each example is a script under ``docs/clients/`` with ``main(url)``; it talks to the server only
through zeep and the WSDL it fetches (``GET /?wsdl``). The test asserts what the example says it
shows, where possible read back through our own test client (support.soap), not the example's.
The markdown quotes the files verbatim: :func:`test_markdown_citeert_elk_voorbeeld` keeps them equal.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import zeep

from rzs import ns
from support.server import RunningServer
from support.soap import STUF, SoapClient

ROOT = Path(__file__).resolve().parents[1]
VOORBEELDEN = ROOT / "docs" / "clients"
KOOKBOEK = ROOT / "docs" / "clients.md"


@pytest.fixture(scope="module", autouse=True)
def _voorbeelden_importeerbaar() -> Iterator[None]:
    """The examples import ``basis`` from their own directory, as they do when run as scripts."""
    sys.path.insert(0, str(VOORBEELDEN))
    yield
    sys.path.remove(str(VOORBEELDEN))


def voorbeeld(naam: str) -> ModuleType:
    pad = next(VOORBEELDEN.glob(f"{naam}*.py"))
    spec = importlib.util.spec_from_file_location(f"kookboek_{pad.stem}", pad)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def draai(naam: str, server: RunningServer, *args: Any) -> Any:
    return voorbeeld(naam).main(server.base_url, *args)


def test_genereer_zaakidentificatie(server: RunningServer) -> None:
    identificatie = draai("01", server)
    assert re.fullmatch(r"0000\d{12}", identificatie)


def test_creeer_zaak_leest_terug(server: RunningServer, soap: SoapClient) -> None:
    identificatie = draai("02", server)
    reply = soap.stuur(
        "geefZaakdetails_Lv01", "vragen/geefZaakdetails_beperkt", zaak_identificatie=identificatie
    )
    assert reply.status == 200, reply.data[:800]
    assert reply.text("ZKN:antwoord/ZKN:object/ZKN:omschrijving") == "Aanvraag jeugdhulp via zeep"


def test_scope_geeft_alleen_wat_gevraagd_is(server: RunningServer) -> None:
    gevonden = draai("03", server)
    assert gevonden["bsn"] == "111222333" and gevonden["geslachtsnaam"] == "Vries"
    assert gevonden["omschrijving"] == "Aanvraag jeugdhulp"
    assert gevonden["startdatum"] is None  # outside the scope


def test_update_zaak_en_waarde_leegmaken(server: RunningServer, soap: SoapClient) -> None:
    gevonden = draai("04", server)
    assert gevonden["omschrijving"] == "Aanvraag jeugdhulp, spoed" and gevonden["toelichting"] == "geenWaarde"
    reply = soap.stuur(
        "geefZaakdetails_Lv01",
        "vragen/geefZaakdetails_scope_alles",
        zaak_identificatie=gevonden["identificatie"],
    )
    toelichting = reply.body.find("ZKN:antwoord/ZKN:object/ZKN:toelichting", namespaces=STUF)
    assert toelichting is not None and toelichting.get(f"{{{ns.STUF}}}noValue") == "geenWaarde"
    assert toelichting.get(f"{{{ns.XSI}}}nil") == "true"


def test_actualiseer_zaakstatus_enkel_object(server: RunningServer) -> None:
    assert draai("05", server) == {
        "volgnummer": "2",
        "omschrijving": "Onderzoek uitgevoerd",
        "indicatieLaatsteStatus": "J",
    }


def test_zaakdocumenten_inline(server: RunningServer) -> None:
    module = voorbeeld("06")
    gevonden = module.main(server.base_url)
    assert len(gevonden["documenten"]) == 1
    assert gevonden["titel"] == "Aanvraag" and gevonden["inhoud"] == module.INHOUD


def test_mtom_heen_en_terug(server: RunningServer) -> None:
    module = voorbeeld("07")
    gevonden = module.main(server.base_url)
    assert gevonden["inhoud"] == module.INHOUD
    assert gevonden["antwoord_content_type"].startswith("multipart/related")


def test_checkout_update_en_cancel(server: RunningServer) -> None:
    gevonden = draai("08", server)
    assert gevonden["titel"] == "Verslag" and gevonden["inhoud"] == b"Verslag van het gesprek.\n"
    assert len(set(gevonden["checkedOutIds"])) == 2


def test_ontkoppel_zaakdocument(server: RunningServer) -> None:
    gevonden = draai("09", server)
    assert len(gevonden["voor"]) == 1 and gevonden["na"] == []
    assert gevonden["nog_leesbaar"] == b"Verkeerd gekoppeld.\n"


def test_besluiten(server: RunningServer, soap: SoapClient) -> None:
    gevonden = draai("10", server)
    assert gevonden["toelichting"] == "Jeugdhulp toegekend voor een jaar"
    assert gevonden["einddatumWerking"] == "20301231"
    assert gevonden["besluiten_van_zaak"] == [gevonden["besluit"]]
    reply = soap.stuur(
        "geefBesluitDetails_Lv01",
        "besluiten/geefBesluitDetails_bslLv01",
        besluit_identificatie=gevonden["besluit"],
    )
    zaak = reply.text("ZKN:antwoord/ZKN:object/ZKN:isUitkomstVan/ZKN:gerelateerde/ZKN:identificatie")
    assert zaak == gevonden["zaak"]


def test_soap12(server: RunningServer) -> None:
    gevonden = draai("11", server)
    assert re.fullmatch(r"0000\d{12}", gevonden["identificatie"])
    assert gevonden["verzonden_content_type"].startswith("application/soap+xml")
    assert gevonden["antwoord_envelope"] == "{http://www.w3.org/2003/05/soap-envelope}Envelope"
    assert gevonden["faultcode"] == "soap:Sender"


def test_fouten_als_zeep_fault(server: RunningServer) -> None:
    fo03, fo02 = draai("12", server)
    assert (fo03["berichtcode"], fo03["code"], fo03["plek"]) == ("Fo03", "StUF064", "server")
    assert (fo02["berichtcode"], fo02["code"]) == ("Fo02", "StUF064")
    assert "0000999999999999" in fo03["details"]


def test_rzs_berichten(server: RunningServer) -> None:
    assert draai("13", server) == {
        "notificeerOverZaak": "Bv03",
        "initieerNotificeerOverZaak": "Bv03",
        "overdragenZaak": "Bv03",
        "bevestigOverdragenZaak": "StUF043",
    }


def test_officiele_wsdl_met_gml_vervanger(server: RunningServer, shared_dir: Path) -> None:
    schemas = shared_dir / "standard" / "official" / "schemas"
    wsdl = schemas / "zkn0310" / "zs-dms" / "zkn0310_vrijeBerichten_zs-dms.wsdl"
    # The problem the example works around: plain zeep cannot load the official WSDL.
    with pytest.raises(AttributeError, match="'lxml.etree.QName' object has no attribute 'resolve'"):
        zeep.Client(str(wsdl))
    gevonden = draai("14", server, schemas)
    alle = {o for operaties in gevonden["operaties"].values() for o in operaties}
    verwacht = {"creeerZaak_Lk01", "geefZaakdetails_Lv01", "genereerZaakIdentificatie_Di02", "overdragenZaak"}
    assert verwacht <= alle
    assert re.fullmatch(r"0000\d{12}", gevonden["identificatie"])


def test_markdown_citeert_elk_voorbeeld() -> None:
    """Every file under docs/clients/ is quoted in docs/clients.md, character for character, in
    the fenced block after its ``<!-- docs/clients/<file> -->`` marker."""
    tekst = KOOKBOEK.read_text(encoding="utf-8")
    for pad in sorted(VOORBEELDEN.glob("*.py")):
        marker = f"<!-- docs/clients/{pad.name} -->\n```python\n"
        assert marker in tekst, f"{pad.name} is not quoted in docs/clients.md (add its marker)"
        begin = tekst.index(marker) + len(marker)
        gequoot = tekst[begin : tekst.index("\n```\n", begin) + 1]
        assert gequoot == pad.read_text(encoding="utf-8"), f"{pad.name} changed: run scripts/kookboek.py"
