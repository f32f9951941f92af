#!/usr/bin/env python3
"""Writes the hand-made sample trade files under sample-data/trade/ (deterministic: same bytes on
every run). They are small but in the real formats, quirks included.

- comtrade_plus_rare_earths.csv: UN Comtrade+ API layout (47 columns, every field quoted, a
  trailing comma, CRLF). Rare-earth imports (HS 280530, 284610, 284690, 850511) of JPN, KOR, USA
  and DEU, 2010-2025, from CHN, MYS, VNM, FRA, EST and USA, with a World row per reporter, year and
  product. Japan's China share by weight runs from about 90% (2010) to about 60% (2025). A few rows
  are out of scope on purpose (an export, a product in no group, a mode-of-transport breakdown) and
  two are malformed (an unparsable value, an unknown partner code) so rejects are exercised.
- comtrade_legacy_rare_earths.csv: classic Comtrade bulk CSV for JPN 2010-2011 (HS 280530).
- baci_rare_earths.csv: CEPII BACI t,i,j,k,v,q (v in thousand USD, q in tonnes), with a code that
  lost its leading zero and an NA quantity.
- canonical_rare_earths.csv: this project's canonical trade schema.

And under sample-data/market/:
- market_sizes.csv: the market-size forecasts quoted in the seed articles (format market-sizes).
- EXJPUS_monthly.csv: a FRED-style monthly USD/JPY series 2010-2025 (old `DATE` header, `.` for
  two missing months), near the published annual averages; not FRED's numbers.

And under sample-data/supply/:
- china_exports_monthly.csv: China's monthly exports by destination, 2009-2025, in the canonical
  export-monthly layout (destinations as names, aliases or ISO3). Shipments to Japan fall after the
  September 2010 embargo; gallium/germanium exports dip after the August 2023 licences. One row names
  a destination that does not exist, so a reject is exercised.
- mcs_world_sample.csv: a small table in the USGS MCS world data release layout (BOM, spaces inside
  header names and after values, commas inside quoted TYPE values, a >90000000 bound, NA), with
  round figures near the published ones.
- bgs_production_sample.csv: a small BGS World Mineral Statistics export (columns in BGS order).
"""
import csv, io, os, random

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, "..", "sample-data", "trade")

PLUS_COLUMNS = ("typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,"
    "flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,"
    "classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,"
    "motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,"
    "netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,"
    "isReported,isAggregate").split(",")

COUNTRIES = {  # iso3: (comtrade code, Comtrade name)
    "JPN": (392, "Japan"), "KOR": (410, "Rep. of Korea"), "USA": (842, "USA"), "DEU": (276, "Germany"),
    "CHN": (156, "China"), "MYS": (458, "Malaysia"), "VNM": (704, "Viet Nam"), "FRA": (251, "France"),
    "EST": (233, "Estonia"), "W00": (0, "World"),
}
HS = {"280530": ("Rare-earth metals, scandium and yttrium", 6), "284610": ("Cerium compounds", 6),
      "284690": ("Other rare-earth compounds", 6), "850511": ("Permanent magnets of metal", 6)}
# Japan's China share by weight, 2010-2025: the embargo year, diversification, a plateau near 60%.
JPN_CHN = [0.90, 0.84, 0.76, 0.72, 0.69, 0.67, 0.65, 0.63, 0.62, 0.61, 0.60, 0.61, 0.60, 0.60, 0.59, 0.60]
# Other reporters: China's share of weight in 2010 and in 2025.
OTHERS = {"KOR": (0.80, 0.70), "USA": (0.85, 0.70), "DEU": (0.70, 0.62)}
# How the non-China remainder splits, and unit values (USD/kg) by supplier: China sells cheapest.
REST = {"MYS": 0.45, "VNM": 0.20, "FRA": 0.15, "EST": 0.12, "USA": 0.08}
UNIT_VALUE = {"CHN": 1.0, "MYS": 1.25, "VNM": 1.1, "FRA": 1.6, "EST": 1.5, "USA": 1.4}
HS_KG = {"280530": 1.2e6, "284610": 2.5e6, "284690": 6.0e6, "850511": 3.0e6}
HS_USD_PER_KG = {"280530": 32.0, "284610": 4.0, "284690": 18.0, "850511": 55.0}
REPORTER_SCALE = {"JPN": 1.0, "KOR": 0.35, "USA": 0.55, "DEU": 0.30}


def china_share(rep, year):
    if rep == "JPN":
        return JPN_CHN[year - 2010]
    a, b = OTHERS[rep]
    return a + (b - a) * (year - 2010) / 15


def plus_row(year, rep, flow, partner, hs, value, weight, mot="0", qty_blank=False, weight_blank=False):
    rc, rdesc = COUNTRIES[rep]
    pc, pdesc = COUNTRIES.get(partner, (partner, "Unknown"))
    r = dict.fromkeys(PLUS_COLUMNS, "")
    r.update({
        "typeCode": "C", "freqCode": "A", "refPeriodId": f"{year}0101", "refYear": str(year), "refMonth": "52",
        "period": str(year), "reporterCode": str(rc), "reporterISO": rep, "reporterDesc": rdesc,
        "flowCode": flow, "flowDesc": {"M": "Import", "X": "Export"}[flow],
        "partnerCode": str(pc), "partnerISO": partner if partner in COUNTRIES else "", "partnerDesc": pdesc,
        "partner2Code": "0", "partner2ISO": "W00", "partner2Desc": "World", "classificationCode": "H4",
        "classificationSearchCode": "HS", "isOriginalClassification": "true", "cmdCode": hs,
        "cmdDesc": HS.get(hs, ("Mineral substances n.e.s.", 6))[0], "aggrLevel": "6", "isLeaf": "true",
        "customsCode": "C00", "customsDesc": "TOTAL CPC", "mosCode": "0", "motCode": mot,
        "motDesc": "TOTAL MOT" if mot == "0" else "Sea", "qtyUnitCode": "8", "qtyUnitAbbr": "kg",
        "qty": "" if qty_blank else fmt(weight), "isQtyEstimated": "false", "altQtyUnitCode": "-1",
        "altQtyUnitAbbr": "N/A", "isAltQtyEstimated": "false",
        "netWgt": "" if weight_blank else fmt(weight), "isNetWgtEstimated": "false", "isGrossWgtEstimated": "false",
        "cifvalue": value if isinstance(value, str) else fmt(value), "primaryValue": value if isinstance(value, str) else fmt(value),
        "legacyEstimationFlag": "0", "isReported": "true", "isAggregate": "false",
    })
    return r


def fmt(x):
    return str(int(round(x)))


def comtrade_plus():
    rng = random.Random(20260106)
    rows = []
    for year in range(2010, 2026):
        for rep in ["JPN", "KOR", "USA", "DEU"]:
            for hs in HS:
                total_kg = HS_KG[hs] * REPORTER_SCALE[rep] * (1 + 0.03 * (year - 2010)) * rng.uniform(0.9, 1.1)
                chn = china_share(rep, year) + rng.uniform(-0.01, 0.01)
                suppliers = {"CHN": chn}
                rest = {k: v for k, v in REST.items() if k != rep}
                norm = sum(rest.values())
                for k, v in rest.items():
                    suppliers[k] = (1 - chn) * v / norm
                world_value = 0.0
                world_kg = 0.0
                for partner, share in suppliers.items():
                    kg = total_kg * share
                    usd = kg * HS_USD_PER_KG[hs] * UNIT_VALUE[partner] * rng.uniform(0.95, 1.05)
                    blank = rep == "KOR" and year == 2016 and hs == "284610" and partner == "EST"
                    rows.append(plus_row(year, rep, "M", partner, hs, usd, kg, weight_blank=blank))
                    world_value += usd
                    world_kg += kg
                if rep == "USA" and hs == "284690" and year == 2020:
                    # Re-imports of US-origin goods reported under M: self-trade, never a supplier.
                    rows.append(plus_row(year, rep, "M", "USA", hs, 250000, 9000))
                # The World row: what the reporter declares in total (a little more than the bilateral sum).
                rows.append(plus_row(year, rep, "M", "W00", hs, world_value * 1.004, world_kg * 1.004))
            # Out of scope on purpose: an export flow, and a product in no commodity group.
            rows.append(plus_row(year, rep, "X", "CHN", "284690", 120000 + 1000 * (year - 2010), 6000))
            rows.append(plus_row(year, rep, "M", "CHN", "253090", 80000, 400000))
    # A mode-of-transport breakdown of a row whose total is also present.
    rows.append(plus_row(2015, "JPN", "M", "CHN", "284690", 5.0e7, 2.0e6, mot="2100"))
    # Malformed: a value that is not a number, and a partner code Comtrade does not have.
    rows.append(plus_row(2018, "DEU", "M", "CHN", "280530", "n/a", 1000))
    rows.append(plus_row(2019, "KOR", "M", "999", "284610", 1500, 100))

    buf = io.StringIO()
    buf.write(",".join(PLUS_COLUMNS) + "\r\n")
    for r in rows:
        buf.write(",".join('"' + r[c] + '"' if r[c] != "" else "" for c in PLUS_COLUMNS) + ",\r\n")
    write("comtrade_plus_rare_earths.csv", buf.getvalue())
    return len(rows)


LEGACY_HEADER = ("Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,"
    "Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,2nd Partner Code,2nd Partner,2nd Partner ISO,"
    "Customs Proc. Code,Customs,Mode of Transport Code,Mode of Transport,Commodity Code,Commodity,Qty Unit Code,Qty Unit,"
    "Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweight (kg),Gross weight (kg),Trade Value (US$),CIF Trade Value (US$),"
    "FOB Trade Value (US$),Flag")


def legacy():
    lines = [LEGACY_HEADER]
    data = [  # year, partner code, partner, partner ISO, kg, usd
        (2010, 156, "China", "CHN", 1080000, 34560000), (2010, 458, "Malaysia", "MYS", 60000, 2400000),
        (2010, 251, "France", "FRA", 60000, 3070000), (2010, 0, "World", "WLD", 1200000, 40030000),
        (2011, 156, "China", "CHN", 950000, 41800000), (2011, 490, "Other Asia, nes", "", 30000, 1500000),
        (2011, 458, "Malaysia", "MYS", 140000, 7000000), (2011, 0, "World", "WLD", 1120000, 50300000),
    ]
    for year, pc, p, piso, kg, usd in data:
        lines.append(f'H3,{year},{year},{year},6,1,1,Import,392,Japan,JPN,{pc},"{p}",{piso},,,,,,,,280530,'
                     f'"Rare-earth metals, scandium and yttrium, whether or not intermixed or interalloyed",8,'
                     f'Weight in kilograms,{kg},,,,{kg},,{usd},,,0')
    write("comtrade_legacy_rare_earths.csv", "\r\n".join(lines) + "\r\n")


def baci():
    lines = ["t,i,j,k,v,q"]
    data = [(2022, 156, 392, "284690", 812345.5, 41000.2), (2022, 458, 392, "284690", 210034.25, 9500.0),
            (2022, 251, 392, "284690", 64000.0, 1900.125), (2022, 156, 842, "850511", 1523000.0, "NA"),
            (2022, 156, 392, "28530", 1200.0, 3.0), (2022, 699, 392, "284690", 0.0, 0.0)]
    for t, i, j, k, v, q in data:
        lines.append(f"{t},{i},{j},{k},{v},{q}")
    write("baci_rare_earths.csv", "\n".join(lines) + "\n")


def canonical():
    cols = ["year", "month", "reporter_iso3", "partner_iso3", "partner_kind", "flow", "hs_code", "value_usd",
            "net_weight_kg", "quantity", "quantity_unit", "source_format"]
    data = [(2024, "", "JPN", "CHN", "country", "import", "850511", 1.2e8, 2.1e6, 2.1e6, "kg", "comtrade-plus"),
            (2024, "", "JPN", "VNM", "country", "import", "850511", 4.0e7, 6.5e5, 6.5e5, "kg", "comtrade-plus"),
            (2024, "", "JPN", "W00", "world", "import", "850511", 1.65e8, 2.8e6, 2.8e6, "kg", "comtrade-plus"),
            (2024, 3, "JPN", "CHN", "country", "import", "850511", 9.0e6, 1.6e5, 1.6e5, "kg", "comtrade-plus")]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    for r in data:
        w.writerow(r)
    write("canonical_rare_earths.csv", out.getvalue())


MARKET_SIZES = [
    # series_id, domain, base_value, target_year, target_value, stated_cagr_pct, source
    ("ai", "AI", 390, 2033, 3497, 30.6, "Grand View Research"),
    ("energy", "energy", 2056, 2032, 6474, 15.41, "Fortune Business Insights"),
    ("renewables", "energy", 1602, None, 4860, 14.7, "Grand View Research; the seed gives no target year"),
    ("defence", "defence", 354, 2031, 423, 3.64, "Mordor Intelligence"),
    ("robotics", "robotics", 88, 2031, 218, 19.86, "Mordor Intelligence"),
    ("space", "space", 466, 2030, 769, 9, "Grand View Research"),
    ("cybersecurity_fbi", "cybersecurity", 248, 2034, 699, 13.8, "Fortune Business Insights"),
    ("cybersecurity_mm", "cybersecurity", 227, 2030, 351, 9.1, "MarketsandMarkets"),
    ("glp1", "biotech", 64, 2030, 130, 15, "seed 001 (base year 2025 given; target $130-140B, low end taken)"),
    ("quantum", "quantum", 3, 2035, 12, 14.54, "seed 001 (base year 2025 given)"),
]


def market_sizes():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["series_id", "domain", "region", "metric", "unit", "base_year", "base_value", "target_year",
                "target_value", "stated_cagr_pct", "source", "published"])
    for sid, domain, base, ty, target, cagr, src in MARKET_SIZES:
        if not src.startswith("seed 001 (base year 2025 given"):
            src += "; base year 2025 assumed (the seed gives none)"
        w.writerow([sid, domain, "global", "market size", "USD bn", 2025, base, "" if ty is None else ty, target,
                    cagr, src, "2026-01"])
    write("market_sizes.csv", out.getvalue(), "market")


# Annual means of USD/JPY near the published H.10 averages; months wobble around them.
JPY = {2010: 87.8, 2011: 79.7, 2012: 79.8, 2013: 97.6, 2014: 105.9, 2015: 121.0, 2016: 108.8, 2017: 112.1,
       2018: 110.4, 2019: 109.0, 2020: 106.8, 2021: 109.8, 2022: 131.5, 2023: 140.5, 2024: 151.4, 2025: 149.8}


def exjpus():
    rng = random.Random(1971)
    lines = ["DATE,EXJPUS"]
    for y in range(2010, 2026):
        for m in range(1, 13):
            v = JPY[y] + rng.uniform(-2.5, 2.5)
            missing = (y, m) in ((2016, 5), (2021, 11))
            lines.append(f"{y}-{m:02d}-01," + ("." if missing else f"{v:.4f}"))
    write("EXJPUS_monthly.csv", "\n".join(lines) + "\n", "market")


EXPORT_DESTS = [("JPN", "Japan", 2.4e6), ("USA", "USA", 1.1e6), ("KOR", "Korea, Rep.", 0.6e6),
                ("DEU", "DEU", 0.5e6), ("VNM", "Viet Nam", 0.2e6), ("THA", "Thailand", 0.15e6)]


def china_exports():
    rng = random.Random(2010)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["period", "exporter_iso3", "destination", "product_group", "value_usd", "quantity_kg"])
    for y in range(2009, 2026):
        for m in range(1, 13):
            t = (y - 2009) * 12 + m - 1
            for iso, name, kg in EXPORT_DESTS:
                q = kg * (1 + 0.004 * t) * rng.uniform(0.9, 1.1)
                if iso == "JPN" and (y, m) >= (2010, 10):
                    q *= 0.3 if (y, m) <= (2011, 3) else 0.65
                uv = 9.0 + 0.05 * t + (25.0 if (2011, 3) <= (y, m) <= (2012, 6) else 0.0)
                w.writerow([f"{y}-{m:02d}", "CHN", name, "Rare Earths", f"{q * uv:.2f}", f"{q:.1f}"])
                g = kg * 0.004 * rng.uniform(0.9, 1.1)
                if (2023, 8) <= (y, m) <= (2024, 1):
                    g *= 0.45
                w.writerow([f"{y}-{m:02d}", "CHN", name, "Gallium/Germanium", f"{g * 350:.2f}", f"{g:.1f}"])
    w.writerow(["2024-06", "CHN", "Atlantis", "Rare Earths", "1000.00", "10.0"])
    write("china_exports_monthly.csv", out.getvalue(), "supply")


def mcs_world():
    head = ("SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024,PROD_NOTES,CAP_2023,CAP_EST_ 2024,"
            "CAP_NOTES,RESERVES_2024,RESERVE_NOTES")
    re_type = '"Mine production, rare-earth-oxide equivalent"'
    w_type = '"Mine production, tungsten content"'
    rows = [
        ("Rare earths", "United States", re_type, "41600", "45000", "1900000"),
        ("Rare earths", "Australia", re_type, "16000", "13000", "5700000"),
        ("Rare earths", "Burma", re_type, "43000", "31000", ""),
        ("Rare earths", "China", re_type, "255000", "270000", "44000000"),
        ("Rare earths", "Nigeria", re_type, "7200", "13000", ""),
        ("Rare earths", "Russia ", re_type, "2500", "2500", "3800000"),
        ("Rare earths", "Thailand", re_type, "3600", "13000", "4500"),
        ("Rare earths", "Greenland", re_type, "NA", "NA", "1500000"),
        ("Rare earths", "Other Countries", re_type, "7100", "2500", ""),
        ("Rare earths", "World total (rounded)", re_type, "376000", "390000", ">90000000"),
        ("Tungsten ", "China", w_type, "66000", "67000", "2400000"),
        ("Tungsten ", "Vietnam", w_type, "3500", "3400", "140000"),
        ("Tungsten ", "Russia ", w_type, "2000", "2000", "400000"),
        ("Tungsten ", '"Korea, North"', w_type, "1600", "1700", "29000"),
        ("Tungsten ", "Other Countries", w_type, "6400", "6900", "950000"),
        ("Tungsten ", "World total (rounded)", w_type, "79500", "81000", "4600000"),
    ]
    lines = [head] + [f"MCS2025,{c},{k},{t},metric tons,{p23},{p24},,,,,{r}," for c, k, t, p23, p24, r in rows]
    write("mcs_world_sample.csv", "\ufeff" + "\n".join(lines) + "\n", "supply")


def bgs():
    head = "country_iso3_code,units,year,quantity,bgs_commodity_trans,country_trans,bgs_sub_commodity_trans"
    rows = []
    for y, chn, mmr, aus, usa in [(2021, 168000, 35000, 24000, 42000), (2022, 210000, 38000, 18000, 43000),
                                  (2023, 255000, 72000, 16780, 41600)]:
        for iso, name, q in [("CHN", "China", chn), ("MMR", "Myanmar", mmr), ("AUS", "Australia", aus),
                             ("USA", "USA", usa)]:
            rows.append(f"{iso},tonnes (metric),{y}-01-01 00:00:00,{q},rare earth oxides,{name},")
    rows.append("IND,tonnes (metric),2023-01-01 00:00:00,,rare earth minerals,India,Monazite")
    write("bgs_production_sample.csv", head + "\n" + "\n".join(rows) + "\n", "supply")


def write(name, text, folder="trade"):
    d = os.path.join(here, "..", "sample-data", folder)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


if __name__ == "__main__":
    os.makedirs(out_dir, exist_ok=True)
    n = comtrade_plus()
    legacy()
    baci()
    canonical()
    market_sizes()
    exjpus()
    china_exports()
    mcs_world()
    bgs()
    print(f"wrote sample-data/trade/ ({n} Comtrade+ rows)")
