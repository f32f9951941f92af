#!/usr/bin/env python3
"""Builds the real-data extracts in sample-data/real/ from public sources (see sample-data/real/_provenance.csv).

Usage: scripts/gen-real-samples.py USITC_XLSX ATLAS_DIR
  USITC_XLSX  data/raw/us_imports_for_consumption_1993-2026.xlsx of therealjameswilson/critical-minerals-records-stage-v3
              (commit a67e3d4286b3a06f62cf1d466cfb9bb6840a798d, blob 4b0b9518c8269d1764c96561285f6694c45f1697)
  ATLAS_DIR   a folder holding, from Varcolacus/critical-materials-atlas (commit 17b328d2239864e993895582a29fdd3b5ceb479b):
              reconcile/fixtures/reconcile/baci_2022.csv, baci_2024.csv as baci_YYYY.csv,
              reconcile/fixtures/raw/baci/country_codes_V202601.csv, and out/flows_YYYY.json as flows/flows_YYYY.json

Writes canonical trade rows (format trade-canonical), changing no figure: values in USD, weights in kg.
Standard library only; deterministic (sorted rows, repr of the source numbers).
"""
import csv, json, os, re, sys, zipfile
import xml.etree.ElementTree as ET

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'sample-data', 'real')
HEADER = ['year', 'month', 'reporter_iso3', 'partner_iso3', 'partner_kind', 'flow', 'hs_code', 'value_usd',
          'net_weight_kg', 'quantity', 'quantity_unit', 'source_format']
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
# The 18 partners of the DataWeb query, by the names DataWeb gives them.
DATAWEB_ISO3 = {'Australia': 'AUS', 'Brazil': 'BRA', 'Canada': 'CAN', 'Chile': 'CHL', 'China': 'CHN',
                'Democratic Republic of the Congo': 'COD', 'Estonia': 'EST', 'France': 'FRA', 'Germany': 'DEU', 'Hong Kong': 'HKG',
                'India': 'IND', 'Japan': 'JPN', 'Malaysia': 'MYS', 'Myanmar (Burma)': 'MMR', 'Russia': 'RUS',
                'South Africa': 'ZAF', 'South Korea': 'KOR', 'Vietnam': 'VNM'}
HEADINGS = ('2805', '2846', '8505')
BACI_IMPORTERS = ('JPN', 'KOR', 'USA', 'DEU')
# BACI writes Taiwan as S19 ("Other Asia, nes", code 490) and the atlas as TW; Namibia's ISO2 (NA) is blank in
# BACI's table. The product's country reference resolves code 490 to Taiwan too.
BACI_ISO3 = {'S19': 'TWN'}
ATLAS_ISO2 = {'TW': 'TWN', 'NA': 'NAM'}


def sheets(path):
    z = zipfile.ZipFile(path)
    strings = []
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
            strings.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    out = {}
    for sh in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', NS):
        target = rels[sh.get('{%s}id' % NS['r'])].lstrip('/')
        target = target if target.startswith('xl/') else 'xl/' + target
        rows = []
        for row in ET.fromstring(z.read(target)).iter('{%s}row' % NS['m']):
            cells = {}
            for c in row.findall('m:c', NS):
                v = c.find('m:v', NS)
                col = 0
                for ch in re.match(r'[A-Z]+', c.get('r')).group(0):
                    col = col * 26 + ord(ch) - 64
                if c.get('t') == 's' and v is not None:
                    cells[col - 1] = strings[int(v.text)]
                elif c.get('t') == 'inlineStr':
                    cells[col - 1] = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
                elif v is not None:
                    cells[col - 1] = v.text
            if cells:
                rows.append([cells.get(i) for i in range(max(cells) + 1)])
        out[sh.get('name')] = rows
    return out


def dataweb_table(book, sheet):
    """(hts, partner) -> {quantity description: {year: value}} of one data sheet; the 'Total:' footer and 2026
    (year to date only) left out."""
    rows = book[sheet]
    years = rows[2][5:]
    out = {}
    for r in rows[3:]:
        if not r or len(r) < 6 or r[0] != sheet:
            continue  # the title, the row count and the 'Total:' footer
        assert r[1] in DATAWEB_ISO3, 'a partner the query did not have: %r' % r[1]
        values = {int(y): float(v) for y, v in zip(years, r[5:]) if y and y.isdigit() and int(y) <= 2025
                  and v not in (None, '')}
        out.setdefault((r[2], r[1]), {})[r[4]] = values
    return out


def usitc(xlsx):
    """One row per heading, partner and year: the customs value summed over DataWeb's unit rows; the weight from
    the first unit where it is kilograms (2805 and 2846; 8505 mixes 'number', 'kilograms' and 'no units
    collected', so its weight is left out rather than partial)."""
    book = sheets(xlsx)
    value = dataweb_table(book, 'Customs Value')
    first = dataweb_table(book, 'First Unit of Quantity')
    rows = []
    for (hts, name), by_unit in sorted(value.items()):
        if hts not in HEADINGS:
            continue
        kg_rows = first.get((hts, name), {})
        kg = kg_rows.get('kilograms', {}) if set(kg_rows) == {'kilograms'} else {}
        for year in sorted({y for series in by_unit.values() for y in series}):
            v = sum(series.get(year, 0.0) for series in by_unit.values())
            w = kg.get(year)
            if v == 0 and not w:
                continue  # DataWeb writes 0 for a year without trade
            rows.append([year, '', 'USA', DATAWEB_ISO3[name], 'country', 'import', hts, repr(v),
                         '' if w is None else repr(w), '' if w is None else repr(w), '' if w is None else 'kg',
                         'usitc-dataweb'])
    return rows


def baci(atlas):
    iso2to3 = {r['country_iso2']: r['country_iso3'] for r in csv.DictReader(open(os.path.join(atlas, 'country_codes_V202601.csv')))
               if r['country_iso2']}
    iso2to3.update(ATLAS_ISO2)
    complete, top6 = [], []
    keep = lambda exporter, importer: importer in BACI_IMPORTERS or exporter == 'CHN'
    for year in (2022, 2024):
        for r in csv.DictReader(open(os.path.join(atlas, 'baci_%d.csv' % year))):
            i, j = BACI_ISO3.get(r['i'], r['i']), BACI_ISO3.get(r['j'], r['j'])
            if r['cmd'] == '850511' and keep(i, j):
                complete.append([year, '', j, i, 'country', 'import', '850511', repr(float(r['value'])),
                                 '', '', '', 'baci'])
    for year in (2010, 2012, 2015, 2018, 2020):
        d = json.load(open(os.path.join(atlas, 'flows', 'flows_%d.json' % year)))
        for f in d['materials']['magnets']:
            i, j = iso2to3.get(f['from']), iso2to3.get(f['to'])
            assert i and j, f
            if keep(i, j):
                top6.append([year, '', j, i, 'country', 'import', '850511', repr(float(f['value'])), '', '', '',
                             'baci'])
    return sorted(complete), sorted(top6)


def write(name, rows):
    with open(os.path.join(OUT, name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(HEADER)
        w.writerows(rows)
    print('%s: %d rows, %d bytes' % (name, len(rows), os.path.getsize(os.path.join(OUT, name))))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write('usitc_us_imports_2805_2846_8505.csv', usitc(sys.argv[1]))
    complete, top6 = baci(sys.argv[2])
    write('baci_850511_2022_2024.csv', complete)
    write('baci_850511_top6_2010_2020.csv', top6)
