"""``rzs-compliance``: replay the official RZS test set against an implementation.

    rzs-compliance run --role zaaksysteem --endpoint https://vendor/zs [--html rapport.html]
    rzs-compliance run --role zaaksysteem --endpoint-map eindpunten.toml --soap 1.2
    rzs-compliance run --role zaaksysteem --server http://127.0.0.1:8080   (stuf-rzs layout, ?wsdl)
    rzs-compliance run --role abonnementenbeheer --endpoint URL --luister-port 8092  (triggers + listening)
    rzs-compliance run --role servicebus --endpoint URL --luister-port 8092 --zaaksysteem-port 8093
    rzs-compliance list [--role zaaksysteem]
    rzs-compliance serve --role regiesysteem [--port 8090] [--callback-endpoint URL]  (consumer mode)

Parses arguments and calls runner and reports; no logic of its own. Exit code 0 when every
required scenario passed, 1 when not, 2 on wrong use, 3 when no endpoint answers at all.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from rzs.compliance import scenario, vormen
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.rapport import html, jsonrapport, junit, terminal
from rzs.compliance.rapport.berichten import Masker, bsns_in
from rzs.compliance.resultaat import Rapport, ScenarioResultaat, StapResultaat
from rzs.compliance.runner import Opties, Runner, Voortgang

#: Exit code when no endpoint answers at all: nothing was tested (0 passed, 1 failed, 2 wrong use).
ONBEREIKBAAR = 3


def _systeem(tekst: str, soort: str) -> dict[str, str]:
    """``ORGANISATIE/APPLICATIE[/GEBRUIKER]`` -> template values (``zender_organisatie``, ...)."""
    delen = tekst.split("/")
    if len(delen) not in (2, 3) or not delen[1]:
        raise SystemExit(f"--{soort} verwacht ORGANISATIE/APPLICATIE[/GEBRUIKER], niet {tekst!r}")
    waarden = {f"{soort}_organisatie": delen[0], f"{soort}_applicatie": delen[1]}
    if len(delen) == 3:
        waarden[f"{soort}_gebruiker"] = delen[2]
    return waarden


def _waarden(args: argparse.Namespace) -> dict[str, str]:
    waarden: dict[str, str] = {}
    if args.waarden:
        waarden.update({k: str(v) for k, v in tomllib.loads(Path(args.waarden).read_text("utf-8")).items()})
    for paar in args.waarde or []:
        naam, teken, waarde = paar.partition("=")
        if not teken:
            raise SystemExit(f"--waarde verwacht naam=waarde, niet {paar!r}")
        waarden[naam] = waarde
    if args.zender:
        waarden.update(_systeem(args.zender, "zender"))
    if args.ontvanger:
        waarden.update(_systeem(args.ontvanger, "ontvanger"))
    return waarden


def _onbereikbaar(fouten: dict[str, str]) -> str:
    """One line: the hosts that did not answer and why (``http://h:9 (Connection refused)``)."""
    per_host: dict[str, set[str]] = {}
    for url, fout in fouten.items():
        deel = urlsplit(url)
        per_host.setdefault(f"{deel.scheme}://{deel.netloc}", set()).add(fout)
    waar = "; ".join(f"{host}: {', '.join(sorted(f))}" for host, f in sorted(per_host.items()))
    return f"het systeem antwoordt niet ({waar})"


def _gegeven(args: argparse.Namespace) -> dict[str, tuple[str, ...]]:
    """``--gegeven naam=waarde`` (repeatable, in order): what failed steps should have delivered."""
    gegeven: dict[str, list[str]] = {}
    for paar in args.gegeven or []:
        naam, teken, waarde = paar.partition("=")
        if not teken or not naam or not waarde:
            raise SystemExit(f"--gegeven verwacht naam=waarde (bijv. zaakId=0000Z1), niet {paar!r}")
        gegeven.setdefault(naam, []).append(waarde)
    return {naam: tuple(waarden) for naam, waarden in gegeven.items()}


def _voortgang(args: argparse.Namespace) -> Voortgang:
    """One progress line per step, BSNs replaced as in the reports (same substitute, same order)."""
    masker = Masker(toon_bsn=args.toon_bsn)

    def voortgang(scenario_resultaat: ScenarioResultaat, stap: StapResultaat) -> None:
        masker.voeg_toe(bsns_in(stap.bericht))
        if not args.stil:
            print(terminal.regel(scenario_resultaat, stap, masker), flush=True)

    return voortgang


def _eindpunten(args: argparse.Namespace) -> Eindpunten:
    gekozen = [a for a in (args.endpoint, args.endpoint_map, args.server) if a]
    if len(gekozen) != 1:
        raise SystemExit("geef precies één van --endpoint, --endpoint-map of --server")
    if args.endpoint_map:
        return Eindpunten.uit_toml(Path(args.endpoint_map))
    if args.server:
        return Eindpunten.server(args.server)
    return Eindpunten.alle(args.endpoint)


def _run(args: argparse.Namespace) -> int:
    rol = scenario.laad_rol(args.role)
    client = SoapClient(
        _eindpunten(args),
        Transportopties(soap=args.soap, timeout=args.timeout, cert=args.cert, key=args.key, ca=args.ca),
    )
    onbereikbaar = client.onbereikbaar()
    if onbereikbaar and len(onbereikbaar) == len(set(client.eindpunten.urls.values())):
        print(f"rzs-compliance: {_onbereikbaar(onbereikbaar)}; de run is niet gestart", file=sys.stderr)
        return ONBEREIKBAAR
    voortgang = _voortgang(args)

    zds, uitleg = args.zds, ""
    if zds == "auto":
        zds, uitleg = vormen.detecteer(client, rol.templates_dir, {**rol.waarden, **_waarden(args)})
        print(f"ZDS-vorm: {vormen.NAMEN[zds]} ({uitleg})", flush=True)
    opties = Opties(
        stp_compat=args.stp_compat,
        waarden=_waarden(args),
        scenarios=tuple(args.scenario or ()),
        zds=zds,
        zds_uitleg=uitleg,
        gegeven=_gegeven(args),
    )
    if rol.naam == "servicebus":
        rapport = _run_servicebus(rol, client, opties, voortgang, args)
    elif not rol.abonnementen:
        rapport = Runner(rol, client, opties, voortgang).run()
    else:
        rapport = _run_met_postbus(rol, client, opties, voortgang, args)
    _rapporteer(rapport, args)
    return 0 if rapport.geslaagd else 1


def _run_met_postbus(
    rol: scenario.Rol, client: SoapClient, opties: Opties, voortgang: Voortgang, args: argparse.Namespace
) -> Rapport:
    """Abonnementenbeheer: the STP's listening mode receives the notificaties between the triggers."""
    from rzs.compliance.stp.app import serveer
    from rzs.compliance.stp.postbus import Abonnees, Postbus, configuratie

    waarden = {**rol.waarden, **opties.waarden}
    stp = (waarden["zender_organisatie"], waarden["zender_applicatie"])
    postbus = Postbus(Abonnees.van(rol, waarden), stp, args.wachttijd, args.nawachttijd)
    server, _ = serveer(postbus, args.luister_host, args.luister_port)
    url = args.luister_url or f"http://{args.luister_host}:{server.server_port}/rzs/OntvangAsynchroon"
    print(f"De harness luistert naar notificaties op {url}. Abonnementen die in de TTA moeten staan:")
    print("\n".join(configuratie(rol, waarden, url)), flush=True)
    try:
        return Runner(rol, client, opties, voortgang, luisteraar=postbus).run()
    finally:
        server.shutdown()
        server.server_close()


def _run_servicebus(
    rol: scenario.Rol, client: SoapClient, opties: Opties, voortgang: Voortgang, args: argparse.Namespace
) -> Rapport:
    """Servicebus (GSB-01): the harness is the zaaksysteem behind the bus and Abonnementenbeheer."""
    from rzs.compliance.stp.app import serveer
    from rzs.compliance.stp.postbus import Abonnees, Postbus
    from rzs.compliance.stp.servicebus import Servicebus, Zaaksysteem

    waarden = {**rol.waarden, **opties.waarden}
    stp = (waarden["zender_organisatie"], waarden["zender_applicatie"])
    abonnees = Abonnees(("/".join(stp),), ())
    postbus = Postbus(abonnees, stp, args.wachttijd, args.nawachttijd, operatie="initieerNotificeerOverZaak")
    zaaksysteem = Zaaksysteem()
    ab_server, _ = serveer(postbus, args.luister_host, args.luister_port)
    zs_server, _ = serveer(zaaksysteem, args.luister_host, args.zaaksysteem_port)
    ab_url = args.luister_url or f"http://{args.luister_host}:{ab_server.server_port}/rzs/OntvangAsynchroon"
    zs_url = args.zaaksysteem_url or f"http://{args.luister_host}:{zs_server.server_port}"
    print(f"Bestemming die in de bus moet staan: het zaaksysteem op {zs_url} (/zkn/OntvangAsynchroon, ...)")
    print(f"Abonnementenbeheer (triggers, ontvanger {'/'.join(stp)}) op {ab_url}", flush=True)
    try:
        return Runner(rol, client, opties, voortgang, luisteraar=Servicebus(postbus, zaaksysteem)).run()
    finally:
        for server in (ab_server, zs_server):
            server.shutdown()
            server.server_close()


def _rapporteer(rapport: Rapport, args: argparse.Namespace) -> None:
    if rapport.kop:
        print(terminal.kopregels(rapport))
    print(Masker.voor(rapport, toon_bsn=args.toon_bsn).tekst(terminal.samenvatting(rapport)))
    for pad, module in ((args.junit, junit), (args.json, jsonrapport), (args.html, html)):
        if pad:
            module.schrijf(rapport, Path(pad), toon_bsn=args.toon_bsn)
            print(f"rapport geschreven: {pad}")


def _serve(args: argparse.Namespace) -> int:
    """Consumer mode: stand up the STP, tell the tester what to send, judge what arrives."""
    import threading
    import time

    from rzs.compliance.stp import pagina
    from rzs.compliance.stp.app import serveer
    from rzs.compliance.stp.sessie import Sessie, SessieOpties

    rol = scenario.laad_rol(args.role)
    stp = _systeem(args.stp, "stp") if args.stp else {}
    opties = SessieOpties(
        stp=(
            stp.get("stp_organisatie", rol.waarden["zender_organisatie"]),
            stp.get("stp_applicatie", rol.waarden["zender_applicatie"]),
        ),
        callback=args.callback_endpoint,
        soap=args.soap,
        timeout=args.timeout,
        stp_compat=args.stp_compat,
        waarden=_waarden(args),
        scenarios=tuple(args.scenario or ()),
    )
    voortgang = _voortgang(args)

    sessie = Sessie(
        rol,
        opties,
        meld=(lambda t: None) if args.stil else (lambda t: print(t, flush=True)),
        voortgang=voortgang,
    )
    server, _ = serveer(sessie, args.host, args.port, lambda: pagina.bouw(sessie, toon_bsn=args.toon_bsn))
    basis = f"http://{args.host}:{server.server_port}"
    print(
        f"STP voor rol {rol.titel} luistert op {basis} (/zkn/OntvangAsynchroon, /zkn/BeantwoordVraag, "
        f"/zkn/VrijeBerichten, /rzs/OntvangAsynchroon, /; ?wsdl); identiteit {'/'.join(opties.stp)}",
        flush=True,
    )
    print(f"Live in de browser: {basis}/ (wat te versturen, wat binnenkwam, elk oordeel)", flush=True)
    if not args.stil:
        print("Te versturen, in deze volgorde:")
        for item in sessie.open_stappen():
            print(f"  {sessie.instructie(item)}")
    threading.Thread(target=sessie.stuurder, name="stp-stuurder", daemon=True).start()
    einde = time.monotonic() + args.wachttijd
    try:
        while not sessie.klaar.wait(0.2) and time.monotonic() < einde:
            pass
    except KeyboardInterrupt:
        pass
    rapport = sessie.sluit(f"niet binnen de wachttijd van {args.wachttijd:g} s (of de run werd afgebroken)")
    server.shutdown()
    server.server_close()
    _rapporteer(rapport, args)
    return 0 if rapport.geslaagd else 1


def _list(args: argparse.Namespace) -> int:
    from rzs.compliance.stp.postbus import configuratie

    for naam in [args.role] if args.role else scenario.rollen():
        rol = scenario.laad_rol(naam)
        testset = f"; {rol.testset}" if rol.testset else ""
        print(f"{rol.naam} ({rol.titel}{testset}): {len(rol.scenarios)} scenario's")
        for s in rol.scenarios:
            print(
                f"  {s.id:<6} {s.titel}{' (optioneel)' if s.optioneel else ''} — {len(s.stappen) * 2} stappen"
            )
        if args.role and rol.abonnementen:
            print(
                "Abonnementen die vóór de run in de TTA moeten staan (eindpunt: de --luister-url van `run`):"
            )
            print("\n".join(configuratie(rol, rol.waarden, "<luister-url>")))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rzs-compliance", description="RZS 1.0 compliance harness (StUF Testplatform replay)"
    )
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every scenario of a rol against an implementation")
    run.add_argument("--role", required=True, help="zaaksysteem, zakenmagazijn, ... (see `list`)")
    run.add_argument("--endpoint", help="one URL for every operation (STP 'All types'); WSDLs from our wsdl/")
    run.add_argument(
        "--endpoint-map", help="TOML with [eindpunten] per endpoint type (ZKN_OntvangAsynchroon, ...)"
    )
    run.add_argument(
        "--server", help="base URL of a server laid out like stuf-rzs (/zkn/..., /rzs/..., ?wsdl)"
    )
    run.add_argument("--soap", choices=("1.1", "1.2"), default="1.1")
    run.add_argument(
        "--zds",
        choices=("1.1", "1.2", "auto"),
        default="1.1",
        help="body form: 1.1 = RZS 1.0/ZDS 1.1 (ZKN:zakLk01), 1.2 = zds0120 (ZDS:creeerZaak_ZakLk01), "
        "auto = ask the system first",
    )
    run.add_argument(
        "--gegeven",
        action="append",
        help="what a failed step should have produced: zaakId=, documentId=, checkedOutId=, GZP_N=... "
        "(repeatable; zaakId/documentId in order of use)",
    )
    run.add_argument("--zender", help="our identity ORGANISATIE/APPLICATIE[/GEBRUIKER]")
    run.add_argument("--ontvanger", help="the system's identity ORGANISATIE/APPLICATIE")
    run.add_argument("--timeout", type=float, default=30.0, help="seconds per HTTP request (default 30)")
    run.add_argument("--cert", help="client certificate (PEM) for TLS")
    run.add_argument("--key", help="private key of the client certificate (PEM)")
    run.add_argument("--ca", help="CA bundle to verify the server certificate")
    run.add_argument(
        "--stp-compat", action="store_true", help="accept the test set's known defects (SCENARIOS 5)"
    )
    run.add_argument("--scenario", action="append", help="run only this scenario (repeatable)")
    run.add_argument("--waarde", action="append", help="override a template value: naam=waarde (repeatable)")
    run.add_argument("--waarden", help="TOML file with template values (e.g. your zaaktype codes)")
    run.add_argument("--junit", help="write a JUnit XML report")
    run.add_argument("--json", help="write a JSON report")
    run.add_argument("--html", help="write a self-contained HTML report")
    run.add_argument("--toon-bsn", action="store_true", help="show BSNs unmasked in reports")
    run.add_argument("--stil", action="store_true", help="no progress lines, only the summary")
    run.add_argument(
        "--luister-host", default="127.0.0.1", help="Abonnementenbeheer: where the harness listens"
    )
    run.add_argument("--luister-port", type=int, default=8092, help="Abonnementenbeheer: 0 = a free port")
    run.add_argument("--luister-url", help="Abonnementenbeheer: the URL the TTA posts notificaties to")
    run.add_argument(
        "--zaaksysteem-port",
        type=int,
        default=8093,
        help="Servicebus: the zaaksysteem behind the bus (0 = free)",
    )
    run.add_argument(
        "--zaaksysteem-url", help="Servicebus: the base URL the bus forwards to, when it differs"
    )
    run.add_argument(
        "--wachttijd", type=float, default=30.0, help="seconds to wait for the notificaties of one trigger"
    )
    run.add_argument(
        "--nawachttijd",
        type=float,
        default=2.0,
        help="seconds to listen on for notificaties that must not come",
    )
    run.set_defaults(func=_run)
    serve = sub.add_parser("serve", help="consumer mode: stand up STP endpoints and judge what the TTA sends")
    serve.add_argument("--role", required=True, help="a consumer rol, e.g. regiesysteem")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8090, help="0 = a free port (printed)")
    serve.add_argument(
        "--callback-endpoint", help="the TTA's own endpoint for what the STP sends (notificaties)"
    )
    serve.add_argument("--stp", help="the STP's identity ORGANISATIE/APPLICATIE (the TTA's ontvanger)")
    serve.add_argument(
        "--soap", choices=("1.1", "1.2"), default="1.1", help="SOAP version towards the callback"
    )
    serve.add_argument("--timeout", type=float, default=10.0, help="seconds per request to the callback")
    serve.add_argument("--wachttijd", type=float, default=600.0, help="seconds to wait for the whole run")
    for naam in ("--stp-compat", "--toon-bsn", "--stil"):
        serve.add_argument(naam, action="store_true")
    serve.add_argument("--scenario", action="append", help="only this scenario (repeatable)")
    serve.add_argument("--waarde", action="append", help="naam=waarde (repeatable)")
    serve.add_argument("--waarden", help="TOML file with values")
    serve.add_argument("--zender", help=argparse.SUPPRESS)
    serve.add_argument("--ontvanger", help=argparse.SUPPRESS)
    serve.add_argument("--junit", help="write a JUnit XML report")
    serve.add_argument("--json", help="write a JSON report")
    serve.add_argument("--html", help="write a self-contained HTML report")
    serve.set_defaults(func=_serve)
    lijst = sub.add_parser("list", help="list the rollen and their scenarios")
    lijst.add_argument("--role")
    lijst.set_defaults(func=_list)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (scenario.ScenarioFout, ValueError, FileNotFoundError) as exc:
        print(f"rzs-compliance: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
