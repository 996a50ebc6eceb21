"""One server, several StUF identities (issue 10): a gemeente that replaces a zaaksysteem answers
under the names its senders are configured with, and refuses every other ontvanger with a
StUF010 that lists the names it does answer to."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from rzs import ns
from rzs.cli import parser
from rzs.config import Identiteit, from_environment, parse_identiteit
from support.server import RunningServer, run_server
from support.soap import STUF, Reply, SoapClient
from support.weigering import verwerp

GENEREER = "identificaties/genereerZaakIdentificatie_Di02"
CDR, ZSH = Identiteit("1900", "CDR"), Identiteit("1900", "ZSH")


@pytest.fixture(scope="module")
def tweeledig(server: RunningServer) -> Iterator[RunningServer]:
    """The session server's database, answering as 1900/CDR (primary) and 1900/ZSH."""
    with run_server(dataclasses.replace(server.settings, identiteiten=(CDR, ZSH))) as running:
        yield running


def _zender(reply: Reply, pad: str) -> tuple[str | None, str | None]:
    zender = reply.body.find(f"{pad}/StUF:zender", namespaces=STUF)
    assert zender is not None, reply.data[:1500]
    return zender.findtext("StUF:organisatie", namespaces=STUF), zender.findtext(
        "StUF:applicatie", namespaces=STUF
    )


class TestMeerdereIdentiteiten:
    @pytest.mark.parametrize("identiteit", [CDR, ZSH], ids=str)
    def test_antwoordt_als_de_geadresseerde(self, tweeledig: RunningServer, identiteit: Identiteit) -> None:
        soap = SoapClient(tweeledig.base_url)
        ontvanger = {
            "ontvanger_organisatie": identiteit.organisatie,
            "ontvanger_applicatie": identiteit.applicatie,
        }
        du02 = soap.stuur("genereerZaakIdentificatie_Di02", GENEREER, **ontvanger)
        assert du02.status == 200, du02.data[:1500]
        assert _zender(du02, "ZKN:stuurgegevens") == (identiteit.organisatie, identiteit.applicatie)

        zaak = du02.text("ZKN:zaak/ZKN:identificatie")
        bv03 = soap.stuur(
            "creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=zaak, **ontvanger
        )
        assert bv03.status == 200, bv03.data[:1500]
        assert bv03.body.tag == ns.stuf("Bv03Bericht")
        assert _zender(bv03, "StUF:stuurgegevens") == (identiteit.organisatie, identiteit.applicatie)

    @pytest.mark.parametrize(
        ("organisatie", "applicatie"), [("1900", "RZS"), ("0363", "CDR")], ids=["applicatie", "organisatie"]
    )
    def test_een_ander_systeem_krijgt_stuf010_met_onze_namen(
        self, tweeledig: RunningServer, organisatie: str, applicatie: str
    ) -> None:
        reply = verwerp(
            SoapClient(tweeledig.base_url),
            tweeledig,
            "genereerZaakIdentificatie_Di02",
            GENEREER,
            "StUF010",
            berichtcode="Fo02",
            ontvanger_organisatie=organisatie,
            ontvanger_applicatie=applicatie,
        )
        details = reply.fo.findtext("StUF:body/StUF:details", namespaces=STUF) or ""
        assert f"{organisatie}/{applicatie}" in details
        assert "1900/CDR, 1900/ZSH" in details


class TestConfiguratie:
    def test_vlaggen(self) -> None:
        args = parser().parse_args(["serve", "--identiteit", "1900/CDR", "--identiteit", "1900/ZSH"])
        assert args.identiteit == [CDR, ZSH]
        args = parser().parse_args(["serve", "--organisatie", "1900", "--applicatie", "CDR"])
        assert (args.organisatie, args.applicatie, args.identiteit) == ("1900", "CDR", None)

    def test_ongeldige_identiteit(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit):
            parser().parse_args(["serve", "--identiteit", "1900/CDR/X"])
        assert "ORGANISATIE/APPLICATIE" in capsys.readouterr().err

    def test_omgeving(self) -> None:
        settings = from_environment({"RZS_IDENTITEITEN": " 1900/CDR, 1900/ZSH\tZAAKSYS "})
        assert settings.effective_identiteiten == (CDR, ZSH, Identiteit("", "ZAAKSYS"))

    def test_een_identiteit_is_de_standaard(self) -> None:
        settings = from_environment({"RZS_ORGANISATIE": "1900", "RZS_APPLICATIE": "CDR"})
        assert settings.effective_identiteiten == (CDR,)
        assert from_environment({}).effective_identiteiten == (Identiteit("", "RZS"),)
        assert str(parse_identiteit("ZSH")) == "ZSH"
