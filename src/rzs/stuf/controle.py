"""StUF stuurgegevens checks that come before any processing (DIGEST c.4, c.10 soort 3).

A Bv03 may only be sent after these pass; they are the same for every operation, so they run in
the dispatcher rather than in each handler.
"""

from __future__ import annotations

from dataclasses import dataclass

from rzs.fouten import OngeldigBericht, OntvangerOnbekend, ZenderOnbekend
from rzs.stuf.stuurgegevens import Stuurgegevens, Systeem


@dataclass(frozen=True, slots=True)
class Systeemcontrole:
    eigen: Systeem
    #: Accepted zender applicaties; empty accepts every sender.
    zenders: tuple[str, ...] = ()

    def controleer(self, stuurgegevens: Stuurgegevens | None, *, asynchroon: bool) -> None:
        if stuurgegevens is None:
            raise OngeldigBericht("Het bericht bevat geen stuurgegevens")
        ontvanger = stuurgegevens.ontvanger
        if ontvanger is not None and ontvanger.applicatie and not self._is_eigen(ontvanger):
            raise OntvangerOnbekend(f"Ontvanger {self._naam(ontvanger)} is niet dit systeem")
        zender = stuurgegevens.zender
        if self.zenders and (zender is None or zender.applicatie not in self.zenders):
            raise ZenderOnbekend(f"Zender {self._naam(zender)} is niet bekend bij dit systeem")
        if asynchroon and (zender is None or not stuurgegevens.referentienummer):
            raise OngeldigBericht("Een asynchroon bericht moet zender en referentienummer bevatten")

    def _is_eigen(self, systeem: Systeem) -> bool:
        if systeem.applicatie != self.eigen.applicatie:
            return False
        for gevraagd, eigen in (
            (systeem.organisatie, self.eigen.organisatie),
            (systeem.administratie, self.eigen.administratie),
        ):
            if gevraagd and eigen and gevraagd != eigen:
                return False
        return True

    @staticmethod
    def _naam(systeem: Systeem | None) -> str:
        if systeem is None:
            return "(geen)"
        return "/".join(v for v in (systeem.organisatie, systeem.applicatie, systeem.administratie) if v)
