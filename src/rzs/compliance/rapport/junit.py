"""JUnit XML for CI systems: one testsuite per scenario, one testcase per official step.

A step that the scenario data allows to be unsupported, and that was, and a step the harness
never sent (OVERGESLAGEN, for want of data a failed earlier step should have delivered) are
reported as ``skipped`` with their reason; every other non-passing step is a ``failure``. A rol
that is not the official test set says so in the name of ``testsuites`` (its ``Testset``).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from rzs.compliance.rapport.berichten import Masker, mooi
from rzs.compliance.resultaat import FAIL, NIET_ONDERSTEUND, OVERGESLAGEN, Rapport


def bouw(rapport: Rapport, *, toon_bsn: bool = False) -> etree._Element:
    masker = Masker.voor(rapport, toon_bsn=toon_bsn)
    testset = rapport.kop.get("Testset")
    naam = f"RZS compliance {rapport.titel}" + (f" ({testset})" if testset else "")
    suites = etree.Element("testsuites", name=naam, time=f"{rapport.duur:.3f}")
    for scenario in rapport.scenarios:
        stappen = scenario.stappen
        suite = etree.SubElement(
            suites,
            "testsuite",
            name=f"{scenario.id} {scenario.titel}",
            tests=str(len(stappen)),
            failures=str(sum(s.status == FAIL for s in stappen)),
            skipped=str(sum(s.status in (NIET_ONDERSTEUND, OVERGESLAGEN) for s in stappen)),
            time=f"{sum(s.duur for s in stappen) / 2:.3f}",
        )
        for stap in stappen:
            case = etree.SubElement(
                suite,
                "testcase",
                classname=f"{rapport.rol}.{scenario.id}",
                name=f"stap {stap.nr:02d} {stap.richting} {stap.berichttype}: {stap.actie}",
                time=f"{stap.duur:.3f}",
            )
            reden = masker.tekst("; ".join(stap.redenen))
            if stap.status == FAIL:
                etree.SubElement(case, "failure", message=reden[:1000]).text = reden
            elif stap.status == NIET_ONDERSTEUND:
                etree.SubElement(case, "skipped", message=f"niet ondersteund (toegestaan): {reden}"[:1000])
            elif stap.status == OVERGESLAGEN:
                etree.SubElement(case, "skipped", message=f"overgeslagen: {reden}"[:1000])
            if stap.status != "PASS" and stap.bericht:
                etree.SubElement(case, "system-out").text = masker.tekst(mooi(stap.bericht))
    return suites


def schrijf(rapport: Rapport, pad: Path, *, toon_bsn: bool = False) -> None:
    pad.write_bytes(
        etree.tostring(
            bouw(rapport, toon_bsn=toon_bsn), xml_declaration=True, encoding="UTF-8", pretty_print=True
        )
    )
