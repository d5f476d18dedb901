"""Build src/lanzarote/data/states.csv from the ISO 3166-1 data shipped with pycountry.

pycountry is needed only here, at build time (it is a dev dependency); the product reads the CSV.

Columns: alpha2, alpha3, numeric, name_en, name_fr, kind.

- name_en: pycountry's common name when it has one, else its name; name_fr: pycountry's French
  iso3166-1 gettext catalogue. Both are then replaced by the short names the Council of Europe
  usually prints (NAME_OVERRIDES) and, in French, by natural word order where the ISO list
  inverts it ("Salomon, Îles" -> "Îles Salomon").
- kind: "state" for the 193 UN member States plus the Holy See and the State of Palestine,
  "territory" for every other ISO entry, and one extra "organisation" row for the European Union.

Run from the repository root:  .venv/bin/python scripts/build_states_csv.py
"""

from __future__ import annotations

import csv
import gettext
import sys
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "lanzarote" / "data" / "states.csv"
HEADER = ("alpha2", "alpha3", "numeric", "name_en", "name_fr", "kind")

# The 193 Member States of the United Nations (ISO alpha-2).
_UN_MEMBER_STATES_TEXT = """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD
    CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA
    GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI
    KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU
    MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA
    SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA
    UG US UY UZ VC VE VN VU WS YE ZA ZM ZW
"""
UN_MEMBER_STATES = frozenset(_UN_MEMBER_STATES_TEXT.split())
# Non-member observer States of the United Nations, treated as States by the product.
OBSERVER_STATES = frozenset({"VA", "PS"})

# alpha2 -> (English short name, French short name)
NAME_OVERRIDES: dict[str, tuple[str, str]] = {
    # Council of Europe usage
    "CZ": ("Czech Republic", "République tchèque"),
    "GB": ("United Kingdom", "Royaume-Uni"),
    "MD": ("Republic of Moldova", "République de Moldova"),
    "MK": ("North Macedonia", "Macédoine du Nord"),
    "NL": ("Netherlands", "Pays-Bas"),
    "RU": ("Russian Federation", "Fédération de Russie"),
    "SK": ("Slovak Republic", "République slovaque"),
    "TR": ("Türkiye", "Türkiye"),
    "VA": ("Holy See", "Saint-Siège"),
    "US": ("United States", "États-Unis"),
    # Short names instead of the ISO long forms
    "BN": ("Brunei", "Brunéi"),
    "BO": ("Bolivia", "Bolivie"),
    "CD": ("Democratic Republic of the Congo", "République démocratique du Congo"),
    "CG": ("Congo", "Congo"),
    "FM": ("Micronesia", "Micronésie"),
    "IR": ("Iran", "Iran"),
    "KP": ("Democratic People's Republic of Korea", "République populaire démocratique de Corée"),
    "KR": ("Republic of Korea", "République de Corée"),
    "LA": ("Laos", "Laos"),
    "MM": ("Myanmar", "Myanmar"),
    "PS": ("State of Palestine", "État de Palestine"),
    "SY": ("Syria", "Syrie"),
    "TL": ("Timor-Leste", "Timor-Leste"),
    "TW": ("Taiwan", "Taïwan"),
    "TZ": ("Tanzania", "Tanzanie"),
    "VE": ("Venezuela", "Venezuela"),
    "VN": ("Viet Nam", "Viet Nam"),
    # Territories: natural word order instead of the inverted ISO index form
    "AX": ("Åland Islands", "Îles d'Åland"),
    "CC": ("Cocos (Keeling) Islands", "Îles Cocos (Keeling)"),
    "CX": ("Christmas Island", "Île Christmas"),
    "FK": ("Falkland Islands (Malvinas)", "Îles Falkland (Malvinas)"),
    "GL": ("Greenland", "Groenland"),
    "GQ": ("Equatorial Guinea", "Guinée équatoriale"),
    "MO": ("Macao", "Macao"),
    "RE": ("Réunion", "La Réunion"),
    "SB": ("Solomon Islands", "Îles Salomon"),
    "VG": ("British Virgin Islands", "Îles Vierges britanniques"),
    "VI": ("United States Virgin Islands", "Îles Vierges des États-Unis"),
}

# Extra, non-ISO row.
EUROPEAN_UNION = ("EU", "EUU", "", "European Union", "Union européenne", "organisation")

# ISO names that legitimately contain a comma (not inverted index forms).
COMMA_NAMES_OK = frozenset({"BQ", "SH"})


def build_rows() -> list[tuple[str, ...]]:
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    rows: list[tuple[str, ...]] = []
    for country in pycountry.countries:
        alpha2 = country.alpha_2
        name_en = getattr(country, "common_name", None) or country.name
        name_fr = french.gettext(country.name)
        if alpha2 in NAME_OVERRIDES:
            name_en, name_fr = NAME_OVERRIDES[alpha2]
        if alpha2 not in COMMA_NAMES_OK and ("," in name_en or "," in name_fr):
            raise SystemExit(f"{alpha2}: inverted ISO name {name_en!r} / {name_fr!r}; override it")
        kind = "state" if alpha2 in UN_MEMBER_STATES | OBSERVER_STATES else "territory"
        rows.append((alpha2, country.alpha_3, country.numeric, name_en, name_fr, kind))
    rows.sort(key=lambda row: row[0])
    rows.append(EUROPEAN_UNION)
    return rows


def check(rows: list[tuple[str, ...]]) -> None:
    codes = {row[0] for row in rows}
    missing = (UN_MEMBER_STATES | OBSERVER_STATES | set(NAME_OVERRIDES)) - codes
    if missing:
        raise SystemExit(f"codes not in pycountry: {sorted(missing)}")
    if len(UN_MEMBER_STATES) != 193:
        raise SystemExit(f"expected 193 UN member States, have {len(UN_MEMBER_STATES)}")
    states = sum(1 for row in rows if row[5] == "state")
    if states != 195:
        raise SystemExit(f"expected 195 rows of kind 'state', have {states}")


def main() -> int:
    rows = build_rows()
    check(rows)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
