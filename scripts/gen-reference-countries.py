#!/usr/bin/env python3
"""Writes sample-data/reference/countries.csv, the country reference (Maven packs it into the jar).

Sources: ISO 3166-1 and 3166-3 from Debian's iso-codes package (/usr/share/iso-codes/json), plus
the public facts below on UN Comtrade / CEPII BACI partner codes, which differ from ISO numeric
codes for some countries, and Comtrade's special areas. Re-run it only to change the table; the
CSV is what the product reads.

Columns: code (Comtrade/BACI numeric code), iso3 (what outputs carry), iso_numeric (ISO 3166 /
M49), name, kind (country | nes | world | aggregate), extra_codes (other numeric codes that mean
the same partner, '|'-separated), aliases (other names and alpha codes, '|'-separated).
"""
import csv, json, os, sys, unicodedata, re

ISO = "/usr/share/iso-codes/json"
here = os.path.dirname(os.path.abspath(__file__))
out_path = os.path.join(here, "..", "sample-data", "reference", "countries.csv")

# Comtrade/BACI code where it is not the ISO numeric code, and the codes that also mean the country.
CODE = {"USA": 842, "FRA": 251, "IND": 699, "CHE": 757, "NOR": 579, "TWN": 490}
EXTRA = {
    "USA": [840, 841], "FRA": [250], "IND": [356], "CHE": [756], "NOR": [578], "TWN": [158],
    "BEL": [58], "DEU": [280], "SDN": [736], "PAN": [590], "ETH": [230], "PAK": [588],
    "KNA": [658], "VNM": [868], "YEM": [886],
    # BACI: 381 is Italy, 711 (Southern African Customs Union) is South Africa, 849 the US minor islands.
    "ITA": [381], "ZAF": [711], "UMI": [849],
}
# Monaco's ISO number 492 is Comtrade's "Europe EU, nes"; Comtrade reports Monaco under France (251).
NO_CODE = {"MCO"}
ALIASES = {
    "USA": ["USA", "US", "United States", "United States of America", "U.S."],
    "KOR": ["Korea, Rep.", "Rep. of Korea", "South Korea", "Korea, Republic of", "Korea", "Republic of Korea"],
    "PRK": ["Korea, North", "Dem. People's Rep. of Korea", "North Korea", "Korea, Dem. People's Rep."],
    "TWN": ["S19", "Other Asia, nes", "Other Asia, not elsewhere specified", "Chinese Taipei", "Taiwan, China"],
    "RUS": ["Russia", "Russian Federation"],
    "VNM": ["Vietnam", "Viet Nam"],
    "MMR": ["Burma"],
    "COD": ["Congo (Kinshasa)", "DR Congo", "Dem. Rep. of the Congo", "Congo, Democratic Republic",
            "Congo, Dem. Rep.", "Democratic Republic of the Congo", "Zaire", "ZAR"],
    "COG": ["Congo (Brazzaville)", "Congo, Rep.", "Republic of the Congo"],
    "TUR": ["Turkey", "Türkiye"],
    "IRN": ["Iran", "Iran (Islamic Rep. of)"],
    "LAO": ["Laos", "Lao People's Dem. Rep.", "Lao PDR"],
    "BOL": ["Bolivia", "Bolivia (Plurinational State of)"],
    "VEN": ["Venezuela"],
    "CZE": ["Czech Republic", "Czech Rep."],
    "HKG": ["Hong Kong", "China, Hong Kong SAR", "Hong Kong, China"],
    "MAC": ["Macao", "Macau", "China, Macao SAR"],
    "CIV": ["Cote d'Ivoire", "Ivory Coast"],
    "GBR": ["United Kingdom", "UK", "Great Britain"],
    "TZA": ["Tanzania", "United Rep. of Tanzania"],
    "SYR": ["Syria"],
    "MDA": ["Moldova", "Rep. of Moldova"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia", "TFYR of Macedonia"],
    "BIH": ["Bosnia Herzegovina"],
    "BRN": ["Brunei"],
    "CPV": ["Cape Verde"],
    "ROU": ["ROM"],
    # World Bank legacy codes (WGI, WDI): ROM, ZAR, TMP, WBG above; ADO Andorra, KSV Kosovo below.
    "AND": ["ADO"],
    "TLS": ["TMP", "East Timor"],
    "ZAF": ["ZA1", "SACU", "Southern African Customs Union", "So. African Customs Union"],
    "ZWE": ["Rhodesia", "Southern Rhodesia"],
    "PSE": ["WBG", "State of Palestine"],
    "CHN": ["China, People's Republic of", "Mainland China"],
    "NLD": ["Holland"],
    "DEU": ["Germany, Fed. Rep.", "Federal Republic of Germany"],
    "CHE": ["Switzerland, Liechtenstein"],
    "FRA": ["France, Monaco"],
    "NOR": ["Norway, Svalbard and Jan Mayen"],
}
# Historical entities (ISO 3166-3 and Comtrade-only), kept so old data resolves.
HISTORICAL = [
    (530, "ANT", "Netherlands Antilles", "country", [532]),
    (891, "SCG", "Serbia and Montenegro", "country", []),
    (890, "YUG", "Yugoslavia", "country", []),
    (810, "SUN", "USSR", "country", []),
    (200, "CSK", "Czechoslovakia", "country", []),
    (278, "DDR", "German Democratic Republic", "country", []),
    (720, "YMD", "Democratic Yemen", "country", []),
    (866, "VDR", "Democratic Republic of Vietnam", "country", []),
    (80, "ATB", "British Antarctic Territory", "country", []),
    (582, "PCI", "Pacific Islands (trust territory)", "country", []),
    (592, "PCZ", "Panama Canal Zone", "country", []),
    (459, "_PM", "Peninsula Malaysia (until 1963)", "country", []),
    (461, "_SH", "Sabah (until 1963)", "country", []),
    (717, "_RN", "Federation of Rhodesia and Nyasaland (until 1964)", "country", []),
    (835, "_TK", "Tanganyika (until 1964)", "country", []),
    (836, "_ZP", "Zanzibar and Pemba (until 1964)", "country", []),
]
# Codes in user-assigned ISO space that statistics publishers use (no Comtrade or ISO numeric code).
USER_ASSIGNED = [("XKX", "Kosovo", ["KSV", "Republic of Kosovo"])]
HIST_ALIASES = {"SUN": ["Soviet Union", "USSR"], "ANT": ["Neth. Antilles"]}
# Comtrade's areas not elsewhere specified: suppliers in their own right, kind "nes". Comtrade gives
# 473 and 636 the same alpha code (A79) and 492 Monaco's (MCO): those get "_" + their number.
NES = [
    (899, "_X", "Areas, nes"), (837, "X1", "Bunkers"), (838, "X2", "Free Zones"),
    (839, "XX", "Special Categories"), (472, "_AC", "Africa CAMEU region, nes"),
    (471, "R91", "CACM, nes"), (129, "A49", "Caribbean, nes"), (221, "E29", "Eastern Europe, nes"),
    (697, "R20", "Europe EFTA, nes"), (492, "_492", "Europe EU, nes"), (473, "A79", "LAIA, nes"),
    (637, "A59", "North America and Central America, nes"), (290, "F49", "Northern Africa, nes"),
    (527, "O19", "Oceania, nes"), (577, "F19", "Other Africa, nes"), (568, "E19", "Other Europe, nes"),
    (636, "_636", "Rest of America, nes"), (879, "F97", "Western Asia, nes"),
]
NES_ALIASES = {"_636": ["Rest of America, not elsewhere specified"]}
SPECIAL = [
    (0, "W00", "World", "world", ["World", "WLD", "World total", "WLD World"]),
    (97, "EUR", "European Union", "aggregate", ["EU", "EU-27", "EU-28", "European Union"]),
    (975, "R4", "ASEAN", "aggregate", []),
]


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def main():
    iso = json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    rows = []
    for c in iso:
        a3 = c["alpha_3"]
        num = int(c["numeric"])
        names = [c.get("official_name"), c.get("common_name")]
        aliases = [n for n in names if n and n != c["name"]] + ALIASES.get(a3, [])
        code = "" if a3 in NO_CODE else CODE.get(a3, num)
        rows.append([code, a3, num, c.get("common_name", c["name"]), "country", EXTRA.get(a3, []), aliases])
    for code, a3, name, kind, extra in HISTORICAL:
        rows.append([code, a3, "", name, kind, extra, HIST_ALIASES.get(a3, [])])
    for a3, name, aliases in USER_ASSIGNED:
        rows.append(["", a3, "", name, "country", [], aliases])
    for code, a3, name in NES:
        rows.append([code, a3, "", name, "nes", [], NES_ALIASES.get(a3, [])])
    for code, a3, name, kind, aliases in SPECIAL:
        rows.append([code, a3, "", name, kind, [], aliases])

    seen_codes, seen_iso, seen_names = {}, {}, {}
    for r in rows:
        a3 = r[1]
        if a3 in seen_iso:
            sys.exit(f"duplicate iso3 {a3}")
        seen_iso[a3] = r
        for code in ([r[0]] if r[0] != "" else []) + r[5]:
            if code in seen_codes:
                sys.exit(f"code {code} is both {seen_codes[code]} and {a3}")
            seen_codes[code] = a3
        for n in [r[3], a3] + r[6]:
            k = norm(n)
            if k in seen_names and seen_names[k] != a3:
                sys.exit(f"name {n!r} is both {seen_names[k]} and {a3}")
            seen_names[k] = a3

    rows.sort(key=lambda r: (r[0] == "", r[0] if r[0] != "" else 0, r[1]))
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "iso3", "iso_numeric", "name", "kind", "extra_codes", "aliases"])
        for r in rows:
            aliases = []
            for a in r[6]:
                if a not in aliases and a != r[3]:
                    aliases.append(a)
            w.writerow([r[0], r[1], r[2], r[3], r[4], "|".join(map(str, r[5])), "|".join(aliases)])
    print(f"wrote {len(rows)} rows to {os.path.relpath(out_path)}")


if __name__ == "__main__":
    main()
