"""StUF stuurgegevens checks that come before any processing (DIGEST c.4, c.10 soort 3).

A Bv03 may only be sent after these pass; they are the same for every operation, so they run in
the dispatcher rather than in each handler.
"""

from __future__ import annotations

from dataclasses import dataclass

from rzs.fouten import OngeldigBericht, OntvangerOnbekend, ZenderOnbekend
from rzs.stuf.berichten import Afzender
from rzs.stuf.stuurgegevens import Stuurgegevens


@dataclass(frozen=True, slots=True)
class Systeemcontrole:
    #: The identities we answer to (issue 10: one server, several names).
    eigen: Afzender
    #: Accepted zender applicaties; empty accepts every sender.
    zenders: tuple[str, ...] = ()

    def controleer(self, stuurgegevens: Stuurgegevens | None, *, asynchroon: bool) -> None:
        if stuurgegevens is None:
            raise OngeldigBericht("Het bericht bevat geen stuurgegevens")
        ontvanger = stuurgegevens.ontvanger
        if ontvanger is not None and ontvanger.applicatie and not self.eigen.herkent(ontvanger):
            raise OntvangerOnbekend(
                f"Ontvanger {ontvanger.naam} is niet dit systeem; "
                f"dit systeem antwoordt als {self.eigen.namen}"
            )
        zender = stuurgegevens.zender
        if self.zenders and (zender is None or zender.applicatie not in self.zenders):
            naam = zender.naam if zender is not None else "(geen)"
            raise ZenderOnbekend(f"Zender {naam} is niet bekend bij dit systeem")
        if asynchroon and (zender is None or not stuurgegevens.referentienummer):
            raise OngeldigBericht("Een asynchroon bericht moet zender en referentienummer bevatten")
