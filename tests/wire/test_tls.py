"""Authentication and authorisation over real HTTPS on loopback (issue 11; DIGEST a.4, c.10).

One ``rzs serve --tls-cert --tls-key --client-ca --autorisatie`` process (gunicorn, its own TLS)
for the module, a throwaway CA made with openssl, and clients with certificates bound to the
zenders REGIE and WMO of ``support/autorisatie.toml``. Every refusal is a Fo02/Fo03 StUF052 in
a SOAP Fault with HTTP 500 and leaves the database as it was; a client without a valid
certificate gets no TLS connection at all.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from rzs.config import Settings
from rzs.wire import tls
from support.db import snapshot
from support.pki import Pki, Sleutelpaar
from support.proces import RZS, rzs_serve
from support.server import run_server
from support.soap import Reply, SoapClient

BELEID = Path(__file__).resolve().parents[1] / "support" / "autorisatie.toml"
WMO_OIN = "00000001234567890000"


@dataclass(frozen=True)
class HttpsServer:
    basis: str
    database: str
    ca: Path
    regie: Sleutelpaar
    wmo: Sleutelpaar
    vreemd: Sleutelpaar
    uitvoer: list[str]

    def client(self, paar: Sleutelpaar | None) -> SoapClient:
        soap = SoapClient(self.basis)
        soap.session.trust_env = False  # else REQUESTS_CA_BUNDLE overrides ``verify``
        soap.session.verify = str(self.ca)
        soap.session.cert = paar.requests if paar is not None else None
        return soap


@pytest.fixture(scope="module")
def https(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpsServer]:
    tmp = tmp_path_factory.mktemp("tls")
    pki = Pki.maak(tmp / "pki")
    server = pki.server()
    regie = pki.client("regie", "/O=Gemeente Test/CN=regie.test")
    wmo = pki.client("wmo", f"/O=Gemeente Test/CN=wmo.test/serialNumber={WMO_OIN}")
    vreemd = Pki.maak(tmp / "vreemd", "Andere CA").client("regie-vreemd", "/CN=regie.test")
    database = f"sqlite:///{tmp / 'tls.sqlite3'}"
    opties = ("--tls-cert", str(server.cert), "--tls-key", str(server.key), "--client-ca", str(pki.ca.cert))
    verbinding = {"verify": str(pki.ca.cert), "cert": regie.requests}
    with rzs_serve(database, tmp, *opties, "--autorisatie", str(BELEID), https=verbinding) as (
        _proc,
        basis,
        uitvoer,
    ):
        yield HttpsServer(basis, database, pki.ca.cert, regie, wmo, vreemd, uitvoer)
    assert "Traceback" not in uitvoer[0], uitvoer[0][-3000:]
    assert "endpoints https://" in uitvoer[0]
    assert "clientcertificaat verplicht; autorisatie" in uitvoer[0]


def _geweigerd(
    https: HttpsServer, soap: SoapClient, operatie: str, template: str, **waarden: object
) -> Reply:
    """Send a message that must get StUF052 (plek client); prove the database is unchanged."""
    voor = snapshot(https.database)
    reply = soap.stuur(operatie, template, **waarden)
    berichtcode = "Fo02" if operatie.endswith(("_Lv01", "_Di02")) else "Fo03"
    reply.assert_fout("StUF052", berichtcode=berichtcode, plek="client")
    assert snapshot(https.database) == voor
    return reply


def _zaak(soap: SoapClient, template: str, identificatie: str, **waarden: object) -> None:
    reply = soap.stuur("creeerZaak_Lk01", template, zaak_identificatie=identificatie, **waarden)
    assert reply.status == 200, reply.data[:800]


def test_zonder_clientcertificaat_geen_verbinding(https: HttpsServer) -> None:
    voor = snapshot(https.database)
    with pytest.raises(requests.ConnectionError):
        https.client(None).post("/zkn/VrijeBerichten?wsdl", b"")
    assert snapshot(https.database) == voor


def test_certificaat_van_een_andere_ca_geen_verbinding(https: HttpsServer) -> None:
    with pytest.raises(requests.ConnectionError):
        requests.get(
            https.basis + "/zkn/VrijeBerichten?wsdl", verify=str(https.ca), cert=https.vreemd.requests
        )


def test_certificaat_van_een_andere_zender_geweigerd(https: HttpsServer) -> None:
    """WMO's certificate cannot send as REGIE (and REGIE's not as WMO): AUT-04."""
    reply = _geweigerd(
        https,
        https.client(https.wmo),
        "creeerZaak_Lk01",
        "zaken/creeerZaak_gezinsplan_minimaal",
        zaak_identificatie="0000000000000901",
    )
    assert "niet gebonden aan zender 0000/REGIE" in (reply.text(".//StUF:details") or "")
    _geweigerd(
        https,
        https.client(https.regie),
        "creeerZaak_Lk01",
        "zaken/creeerZaak_generiek_jeugdhulp",
        zaak_identificatie="0000000000000902",
        zender_applicatie="WMO",
    )


def test_zender_buiten_de_autorisatie_geweigerd(https: HttpsServer) -> None:
    reply = _geweigerd(
        https,
        https.client(https.regie),
        "genereerZaakIdentificatie_Di02",
        "identificaties/genereerZaakIdentificatie_Di02",
        zender_applicatie="ONBEKEND",
    )
    assert "AUT-01" in (reply.text(".//StUF:details") or "")


def test_operatie_niet_toegestaan(https: HttpsServer) -> None:
    wmo = https.client(https.wmo)
    _geweigerd(
        https, wmo, "updateZaak_Lk01", "zaken/updateZaak_omschrijving_toelichting", zender_applicatie="WMO"
    )
    reply = _geweigerd(
        https,
        wmo,
        "genereerZaakIdentificatie_Di02",
        "identificaties/genereerZaakIdentificatie_Di02",
        zender_applicatie="WMO",
    )
    assert "AUT-02" in (reply.text(".//StUF:details") or "")


def test_zaaktype_niet_toegestaan_bij_schrijven(https: HttpsServer) -> None:
    """REGIE may do everything, but only with GZP and LDP zaken: a JGD creeerZaak is refused."""
    reply = _geweigerd(
        https,
        https.client(https.regie),
        "creeerZaak_Lk01",
        "zaken/creeerZaak_generiek_jeugdhulp",
        zaak_identificatie="0000000000000903",
    )
    assert "AUT-03" in (reply.text(".//StUF:details") or "")


def test_zaaktype_niet_toegestaan_bij_lezen(https: HttpsServer) -> None:
    """WMO may read zaken, but not REGIE's gezinsplan; its own JGD zaak it reads."""
    regie, wmo = https.client(https.regie), https.client(https.wmo)
    _zaak(regie, "zaken/creeerZaak_gezinsplan_minimaal", "0000000000000904")
    _zaak(wmo, "zaken/creeerZaak_generiek_jeugdhulp", "0000000000000905", zender_applicatie="WMO")
    reply = _geweigerd(
        https,
        wmo,
        "geefZaakdetails_Lv01",
        "vragen/geefZaakdetails_alles",
        zaak_identificatie="0000000000000904",
        zender_applicatie="WMO",
    )
    assert "zaaktype GZP" in (reply.text(".//StUF:details") or "")
    eigen = wmo.stuur(
        "geefZaakdetails_Lv01",
        "vragen/geefZaakdetails_alles",
        zaak_identificatie="0000000000000905",
        zender_applicatie="WMO",
    )
    assert eigen.status == 200, eigen.data[:800]
    assert eigen.text("ZKN:antwoord/ZKN:object/ZKN:identificatie") == "0000000000000905"
    zelf = regie.stuur(
        "geefZaakdetails_Lv01", "vragen/geefZaakdetails_alles", zaak_identificatie="0000000000000904"
    )
    assert zelf.status == 200, zelf.data[:800]


def test_strikt_zonder_autorisatie_start_niet(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'strikt.sqlite3'}"
    proc = subprocess.run(
        [str(RZS), "serve", "--port", "1", "--database", database, "--strikt"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"RZS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "rzs serve: --strikt vraagt om een autorisatiebestand (--autorisatie FILE); de server start niet"
    ]
    assert not (tmp_path / "strikt.sqlite3").exists()


def test_identiteit_uit_de_header_van_een_proxy(tmp_path: Path) -> None:
    """Behind a TLS-terminating proxy (``--identiteit-header``): the DN in the header is the
    certificate; without it a zender bound to a certificate is refused (StUF052)."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'proxy.sqlite3'}",
        data_dir=tmp_path,
        identiteit_header="X-SSL-Client-S-DN",
        autorisatie_bestand=BELEID,
    )
    with run_server(settings) as server:
        soap = SoapClient(server.base_url)
        soap.session.headers["X-SSL-Client-S-DN"] = f"CN=wmo.test,O=Gemeente Test,serialNumber={WMO_OIN}"
        _zaak(soap, "zaken/creeerZaak_generiek_jeugdhulp", "0000000000000911", zender_applicatie="WMO")
        del soap.session.headers["X-SSL-Client-S-DN"]
        voor = snapshot(settings.effective_database_url)
        reply = soap.stuur(
            "creeerZaak_Lk01",
            "zaken/creeerZaak_generiek_jeugdhulp",
            zaak_identificatie="0000000000000912",
            zender_applicatie="WMO",
        )
        reply.assert_fout("StUF052", plek="client")
        assert "vereist een clientcertificaat" in (reply.text(".//StUF:details") or "")
        assert snapshot(settings.effective_database_url) == voor


@pytest.mark.parametrize(
    ("dn", "verwacht"),
    [
        ("CN=regie.test,O=Gemeente\\, Test", (("CN", "regie.test"), ("O", "Gemeente, Test"))),
        ("/C=NL/O=Gemeente Test/CN=regie.test", (("C", "NL"), ("O", "Gemeente Test"), ("CN", "regie.test"))),
        (f"serialnumber={WMO_OIN}+CN=wmo", (("serialNumber", WMO_OIN), ("CN", "wmo"))),
        ("", None),
        ("geen dn", None),
    ],
)
def test_dn_uit_de_header(dn: str, verwacht: tuple[tuple[str, str], ...] | None) -> None:
    onderwerp = tls.uit_dn(dn)
    assert (onderwerp.kenmerken if onderwerp else None) == verwacht


@pytest.mark.parametrize(
    ("instellingen", "melding"),
    [
        ({"tls_cert": Path("server.pem")}, "horen bij elkaar"),
        ({"tls_key": Path("server.key")}, "horen bij elkaar"),
        ({"client_ca": Path("ca.pem")}, "vraagt om HTTPS"),
        ({"strikt": True}, "--strikt vraagt om een autorisatiebestand"),
    ],
)
def test_onvolledige_beveiliging_start_niet(instellingen: dict[str, object], melding: str) -> None:
    assert melding in (Settings(**instellingen).beveiligingsfout() or "")


def test_volledige_beveiliging() -> None:
    settings = Settings(
        tls_cert=Path("s.pem"),
        tls_key=Path("s.key"),
        client_ca=Path("ca.pem"),
        strikt=True,
        autorisatie_bestand=BELEID,
    )
    assert settings.beveiligingsfout() is None
