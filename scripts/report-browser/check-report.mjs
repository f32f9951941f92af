// Opens OUTPUT_ROOT/report/index.html from file:// in headless Chromium (Debian's /usr/bin/chromium,
// driven over the DevTools protocol by playwright-core) and fails on any console error, page error,
// failed request or request that is not file:/data:, on a chart without its marks, or on a number
// shown that differs from the Parquet table's value. Saves screenshots under SHOTS_DIR.
//
//   node check-report.mjs OUTPUT_ROOT SHOTS_DIR [--every-section]
import { chromium } from 'playwright-core'
import { parquetReadObjects } from 'hyparquet'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// --every-section: the output is the full sample pipeline's, which has the tables of every section.
const [root, shots, ...flags] = process.argv.slice(2)
const everySection = flags.includes('--every-section')
const page_ = path.resolve(root, 'report', 'index.html')
const failures = []
const fail = (msg) => { failures.push(msg); console.error('FAIL ' + msg) }
const ok = (msg) => console.log('ok   ' + msg)

async function table(name) {
  const dir = path.join(root, name)
  if (!fs.existsSync(dir)) return null
  const rows = []
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.parquet')).sort()) {
    const b = fs.readFileSync(path.join(dir, f))
    rows.push(...await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) }))
  }
  return rows
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, '_manifest.json'), 'utf8'))
const sizeKb = fs.statSync(page_).size / 1024
console.log(`page ${page_}: ${sizeKb.toFixed(0)} KB`)
if (sizeKb > 2048) fail(`page is ${sizeKb.toFixed(0)} KB, over 2 MB`)

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-chromium-'))
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
})
const page = await context.newPage()
page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') fail(`console ${m.type()}: ${m.text()}`) })
page.on('pageerror', e => fail(`page error: ${e.message}`))
page.on('requestfailed', r => fail(`request failed: ${r.url()} (${r.failure()?.errorText})`))
page.on('request', r => { if (!/^(file|data):/.test(r.url())) fail(`network request: ${r.url()}`) })

const t0 = Date.now()
await page.goto('file://' + page_, { waitUntil: 'load' })
console.log(`loaded in ${Date.now() - t0} ms`)

// No script at all: every name in the page is text, never markup.
const scripts = await page.locator('script').count()
if (scripts !== 0) fail(`${scripts} <script> elements in the page`); else ok('no <script> elements')

// Sections appear exactly when their tables exist.
const sections = await page.$$eval('main > section', s => s.map(e => e.querySelector('h2').textContent))
const expected = [['Run', '_manifest.json'], ['Exposure', 'concentration'], ['Both sides of the flow', 'mirror_flows'],
  ['Value chain and blocs', 'stage_exposure'],
  ['Supply side', 'production_concentration'],
  ['Growth', 'cagr_audit'], ['Sensitivity', 'sensitivity_tornado'], ['Supply risk', 'supply_risk']]
for (const [title, tableName] of expected) {
  const exists = fs.existsSync(path.join(root, tableName))
  if (everySection && !exists) fail(`section ${title}: table ${tableName} missing from the full sample pipeline's output`)
  if (exists !== sections.includes(title)) fail(`section ${title}: shown=${sections.includes(title)}, table ${tableName} exists=${exists}`)
  else ok(`section ${title} ${exists ? 'shown' : 'absent'} (${tableName} ${exists ? 'exists' : 'absent'})`)
}

// Every figure: an SVG with marks, axis titles, a caption naming its source, its numbers one click away.
const figures = await page.$$eval('figure', fs_ => fs_.map(f => {
  const svg = f.querySelector('svg')
  const id = svg ? svg.id : null
  const marks = {}
  if (svg) for (const g of svg.querySelectorAll(`g[id^="${id}-s"]`)) {
    const s = g.id.split('-')[1]
    marks[s] = (marks[s] || 0) + 1
  }
  const rows = [...f.querySelectorAll('details tbody tr')].map(tr => [...tr.children].map(td => td.textContent))
  const header = [...f.querySelectorAll('details thead th')].map(th => th.textContent)
  return { fig: f.id, title: f.querySelector('h4').textContent, svgId: id, marks, texts: svg ? svg.querySelectorAll('text').length : 0,
    caption: f.querySelector('figcaption')?.textContent || '', header, rows,
    csv: f.querySelector('details a[download]')?.getAttribute('href') || '' }
}))
console.log(`${figures.length} figures`)
for (const f of figures) {
  if (!f.svgId) { fail(`${f.fig}: no SVG`); continue }
  const total = Object.values(f.marks).reduce((a, b) => a + b, 0)
  if (total === 0) fail(`${f.fig} (${f.title}): no marks`)
  if (f.texts < 3) fail(`${f.fig}: fewer than 3 text elements (axis titles missing?)`)
  if (!/From (table|_manifest)/.test(f.caption)) fail(`${f.fig}: caption does not name its source: ${f.caption}`)
  if (f.rows.length === 0 || !f.csv.startsWith('data:text/csv')) fail(`${f.fig}: numbers or CSV missing`)
}
const byTitle = (t) => figures.find(f => f.title === t)
const expectMarks = (f, series, n, what) => {
  if (!f) return fail(`figure missing: ${what}`)
  const got = f.marks['s' + series] || 0
  if (got !== n) fail(`${f.fig} ${what}: ${got} marks in series ${series}, expected ${n}`)
  else ok(`${f.fig} ${what}: ${n} marks in series ${series}`)
}

// Run: one bar per stage of the manifest.
expectMarks(figures.find(f => f.title === 'Stage timings'), 0, manifest.stages.length, 'stage timings')

// Exposure: one point per year, and the latest year's focus share as shown equals the table's.
const conc = await table('concentration')
if (conc) {
  const annual = conc.filter(r => r.month === null)
  const keys = [...new Set(annual.map(r => `${r.reporter_iso3}|${r.commodity_group}|${r.flow}`))]
  let checked = 0
  for (const k of keys) {
    const [rep, prod, flow] = k.split('|')
    const rows = annual.filter(r => r.reporter_iso3 === rep && r.commodity_group === prod && r.flow === flow)
      .sort((a, b) => a.year - b.year)
    const focus = rows[0].focus_supplier
    const f = byTitle(`${focus}'s share of ${rep} · ${prod} · ${flow}`)
    if (!f) continue
    checked++
    expectMarks(f, 0, rows.filter(r => r.focus_share !== null).length, `${rep} ${prod} share by value, per year`)
    expectMarks(f, 1, rows.filter(r => r.focus_share_weight !== null).length, `${rep} ${prod} share by weight, per year`)
    expectMarks(byTitle(`HHI of ${rep} · ${prod} · ${flow}`), 0, rows.filter(r => r.hhi_value !== null).length, `${rep} HHI per year`)
    const last = rows[rows.length - 1]
    const shown = f.rows.find(r => r[0] === String(last.year))
    const want = last.focus_share.toFixed(4)
    if (!shown || shown[1] !== want) fail(`${rep} ${last.year} focus_share shown ${shown && shown[1]}, Parquet ${last.focus_share}`)
    else ok(`${rep} ${last.year} focus_share shown ${shown[1]} = Parquet ${last.focus_share}`)
  }
  if (checked === 0) fail('no exposure figure found for any reporter')
  const shares = await table('supplier_shares')
  const jpn = annual.filter(r => r.reporter_iso3 === 'JPN').sort((a, b) => b.year - a.year)[0]
  if (shares && jpn) {
    const top = shares.filter(r => r.reporter_iso3 === 'JPN' && r.year === jpn.year && r.month === null
      && r.commodity_group === jpn.commodity_group && r.flow === jpn.flow && r.rank <= 10)
    const f = byTitle(`Top suppliers of JPN · ${jpn.commodity_group} · ${jpn.flow}, ${jpn.year}`)
    expectMarks(f, 0, top.length, `JPN ${jpn.year} top suppliers`)
    const first = top.find(r => r.rank === 1)
    const shown = f && f.rows.find(r => r[0] === '1')
    if (!shown || shown[1] !== first.partner_iso3 || shown[2] !== first.share_value.toFixed(4))
      fail(`JPN top supplier shown ${shown}, Parquet ${first.partner_iso3} ${first.share_value}`)
    else ok(`JPN top supplier ${shown[1]} ${shown[2]} = Parquet ${first.share_value}`)
  }
}

// Growth: a bar per stated and per implied rate; a point per projected year.
const audit = await table('cagr_audit')
if (audit) {
  const f = byTitle('Stated versus implied CAGR')
  expectMarks(f, 0, audit.filter(r => r.stated_cagr_pct !== null).length, 'stated CAGR bars')
  expectMarks(f, 1, audit.filter(r => r.implied_cagr_pct !== null).length, 'implied CAGR bars')
}
const proj = await table('projections')
if (proj) {
  for (const s of [...new Set(proj.map(r => r.series_id))].slice(0, 3)) {
    expectMarks(byTitle(`Projection: ${s}`), 0, proj.filter(r => r.series_id === s && r.value_at_stated_rate !== null).length,
      `projection ${s} at the stated rate`)
  }
}

// Sensitivity: a bar per factor, a cell per two-way pair.
const tornado = await table('sensitivity_tornado')
const twoWay = await table('sensitivity_two_way')
if (tornado) {
  const f = figures.find(f => f.title.startsWith('Tornado: '))
  const m = f && f.title.match(/^Tornado: (\S+), (\S+) · (\S+)$/)
  if (!m) fail('no tornado figure')
  else expectMarks(f, 0, tornado.filter(r => r.metric === m[1] && r.reporter_iso3 === m[2] && r.commodity_group === m[3]).length,
    `tornado ${m[1]} ${m[2]}`)
}
if (twoWay) {
  const f = figures.find(f => f.title.startsWith('Two-way: '))
  const m = f && f.title.match(/, (\S+) · (\S+)$/)
  if (!m) fail('no two-way figure')
  else expectMarks(f, 0, twoWay.filter(r => r.reporter_iso3 === m[1] && r.commodity_group === m[2]).length, `two-way heat map ${m[1]}`)
}

// Supply risk: the latest period's 30 highest rows (as the section orders them), a bar per SR and per
// published SR; a row without an SR has no bar.
const risk = await table('supply_risk')
if (risk && risk.length) {
  const latest = risk.map(r => String(r.period)).reduce((a, b) => (b > a ? b : a))
  const desc = (a, b) => (a === null) - (b === null) || (a === null ? 0 : b - a)
  const top = risk.filter(r => String(r.period) === latest)
    .sort((a, b) => desc(a.sr, b.sr) || desc(a.published_sr, b.published_sr)
      || (a.material < b.material ? -1 : a.material > b.material ? 1 : 0) || (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0))
    .slice(0, 30)
  const f = byTitle(`Supply risk, ${latest}`)
  expectMarks(f, 0, top.filter(r => r.sr !== null).length, 'supply risk SR bars')
  expectMarks(f, 1, top.filter(r => r.published_sr !== null).length, 'published SR bars')
}

// Blocs: per bloc, a bar per year for the share inside the bloc, the focus supplier's and everyone else's,
// as bloc_pooled holds them for the product the figure names.
const pooled = await table('bloc_pooled')
if (pooled && pooled.length) {
  for (const f of figures.filter(f => f.title.startsWith('Bloc '))) {
    const m = f.title.match(/^Bloc (\S+): (.+)$/)
    const product = Object.keys(pooled[0]).find(k => ['commodity_group', 'hs_code', 'material_stage'].includes(k))
    const rows = pooled.filter(r => r.bloc === m[1] && String(r[product]) === m[2] && r.month === null && r.flow === 'import')
    expectMarks(f, 0, rows.filter(r => r.inside_share !== null).length, `bloc ${m[1]} inside bars`)
    expectMarks(f, 2, rows.filter(r => r.others_share !== null).length, `bloc ${m[1]} others bars`)
  }
  if (everySection && !figures.some(f => f.title.startsWith('Bloc '))) fail('no bloc figure in the full sample pipeline')
}

fs.mkdirSync(shots, { recursive: true })
await page.screenshot({ path: path.join(shots, 'report-full.png'), fullPage: true })
await page.locator('#exposure').scrollIntoViewIfNeeded().catch(() => {})
await page.evaluate(() => { const e = document.querySelector('#exposure'); if (e) window.scrollTo(0, e.offsetTop - 70) })
await page.screenshot({ path: path.join(shots, 'report.png') })
console.log(`screenshots in ${shots}`)
await context.close()
fs.rmSync(userDataDir, { recursive: true, force: true })
if (failures.length) {
  console.error(`${failures.length} failure(s)`)
  process.exit(1)
}
console.log(`report OK: ${figures.length} figures, ${sizeKb.toFixed(0)} KB`)
