"""The taxonomy of themes complaint points are grouped by, from a file beside the remedy scale.

Like the scale, it is configuration, not code: an ombudsman names its own themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from casework.drafting._config_files import read_toml

DEFAULT_THEMES = Path(__file__).parent / "themes" / "default.toml"

# A slug is kept on each complaint point and read in addresses: short, lower case, hyphens.
SLUG = re.compile(r"[a-z][a-z0-9-]{0,59}")


class ThemesError(ValueError):
    """The themes file is missing something or contradicts itself."""


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    # Words and runs of words that suggest the theme (see _theme_suggestion); a weak cue
    # suggests it only beside another.
    cues: tuple[str, ...]
    weak_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Themes:
    name: str
    themes: tuple[Theme, ...]

    def __iter__(self):
        return iter(self.themes)

    def get(self, slug: str) -> Theme | None:
        return next((theme for theme in self.themes if theme.slug == slug), None)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(theme.slug for theme in self.themes)


def _theme(item: dict, path: Path) -> Theme:
    slug = str(item["slug"])
    if not SLUG.fullmatch(slug):
        raise ThemesError(f"the theme slug {slug!r} in {path} must be lower-case letters, "
                          "digits and hyphens, at most 60, starting with a letter")
    cues, weak_cues = (tuple(str(cue).strip().lower() for cue in item.get(key, ()))
                       for key in ("cues", "weak_cues"))
    if any(not cue.strip("* ") for cue in cues + weak_cues):
        raise ThemesError(f"the theme {slug!r} in {path} has an empty cue")
    name, description = str(item["name"]).strip(), str(item["description"]).strip()
    if not name or not description:
        raise ThemesError(f"the theme {slug!r} in {path} needs a name and a description")
    return Theme(slug, name, description, cues, weak_cues)


def load_themes(path: Path = DEFAULT_THEMES) -> Themes:
    """Read and check a themes file; ThemesError names what is wrong."""
    data = read_toml(path, "themes", ThemesError)
    try:
        themes = tuple(_theme(item, path) for item in data["themes"])
        name = str(data["name"])
    except (KeyError, TypeError, AttributeError) as error:
        raise ThemesError(f"the themes {path} lack or misstate {error}") from None
    if not themes:
        raise ThemesError(f"the themes {path} name no theme")
    slugs = [theme.slug for theme in themes]
    if len(set(slugs)) != len(slugs):
        raise ThemesError(f"the themes {path} name a slug twice")
    return Themes(name, themes)
