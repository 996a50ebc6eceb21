"""The zaaktype catalogue (DIGEST e): which zaaktypen, statustypen, resultaattypen, documenttypen
and besluittypen this server knows.

The catalogue lives in the database; a TOML file (``zaaktypen.toml`` shipped here, or the file
``Settings.zaaktypen_bestand`` names) is loaded into it at every start, and ``rzs zaaktypen``
(:mod:`rzs.catalogus.beheer`) lists, shows, imports and exports it.
"""

from rzs.catalogus.bestand import STANDAARD, CatalogusFout, laad, lees, schrijf

__all__ = ["STANDAARD", "CatalogusFout", "laad", "lees", "schrijf"]
