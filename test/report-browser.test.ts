import { expect } from 'chai';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fromRoot } from '../base/package-root.js';
import { startMocks } from '../mocks/start.js';
import { cli } from './helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

describe('report.html in a real browser (Debian chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let url: string;
  let total: number;
  let report: {
    cases: { id: string; status: string; level: string; tags: string[]; reason?: string; suite: string; ref: string }[];
  };

  before(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).to.equal(true);
    const dir = mkdtempSync(join(tmpdir(), 'rep-browser-'));
    await cli(['run', '--out', dir, '--mock-fault', 'rs-skip-htm', '--mock-fault', 'rs-htu-exact-string']);
    url = pathToFileURL(join(dir, 'report.html')).href;
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  after(() => browser?.close());

  async function open(javaScriptEnabled = true, width = 1280, at = url): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`external request ${r.url()}`);
    });
    await page.goto(at);
    return { page, errors };
  }

  const visible = (page: Page) => page.locator('details.case:not(.hidden)').count();

  it('loads with no console error and no external request, showing every case', async () => {
    const { page, errors } = await open();
    total = await page.locator('details.case').count();
    expect(total).to.equal(report.cases.length);
    expect(await visible(page)).to.equal(total);
    expect(await page.locator('#shown').textContent()).to.equal(`showing ${total} of ${total}`);
    expect(errors).to.deep.equal([]);
  });

  it('filters by status, level, tag and text change what is shown', async () => {
    const { page, errors } = await open();
    await page.locator('input[name=status][value=pass]').uncheck();
    const notPassing = report.cases.filter((c) => c.status !== 'pass');
    expect(notPassing.length).to.be.greaterThan(2);
    expect(await visible(page)).to.equal(notPassing.length);
    await page.locator('input[name=level][value=MUST]').uncheck();
    expect(await visible(page)).to.equal(notPassing.filter((c) => c.level !== 'MUST').length);
    await page.locator('input[name=level][value=MUST]').check();
    await page.locator('input[name=status][value=pass]').check();
    await page.locator('select[name=tag]').selectOption('salt-version');
    expect(await visible(page)).to.equal(report.cases.filter((c) => c.tags.includes('salt-version')).length);
    await page.locator('select[name=tag]').selectOption('');
    await page.locator('input[name=text]').fill('rs-9449-050');
    expect(await visible(page)).to.equal(1);
    expect(await page.locator('#shown').textContent()).to.equal(`showing 1 of ${total}`);
    const only = page.locator('details.case:not(.hidden)');
    await only.locator(':scope > summary').click();
    expect(await only.locator('.reason').textContent()).to.equal('status: expected one of 400, 401, got 200');
    expect(await only.locator('pre').filter({ hasText: '"htm": "POST"' }).count()).to.be.greaterThan(0);
    await page.locator('input[name=text]').fill('');
    await page.locator('input[name=status][value=pass]').uncheck();
    await page.locator('details.case:not(.hidden) > summary').first().click();
    expect(errors).to.deep.equal([]);
  });

  it('lists failures first, each with its reason in the row, grouped by suite and spec section with counts', async () => {
    const { page, errors } = await open();
    const failing = report.cases.filter((c) => c.status === 'fail' || c.status === 'error');
    expect(failing.length).to.be.greaterThan(2);
    // the summary list of failures, before the cases, links each failing case and says why
    const listed = await page.locator('ol.failures li').evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.querySelector('a.id')?.textContent,
        href: li.querySelector('a.id')?.getAttribute('href'),
        reason: li.querySelector('.row-reason')?.textContent,
      })),
    );
    expect(listed.map((l) => l.id).sort()).to.deep.equal(failing.map((c) => c.id).sort());
    for (const l of listed) {
      expect(l.href).to.equal(`#${l.id}`);
      expect(l.reason).to.equal(report.cases.find((c) => c.id === l.id)!.reason);
    }
    // the first case on the page is a failure, and inside every section group no case ranks above a worse one
    const rank = ['fail', 'error', 'expected-fail', 'not-exhibited', 'pass', 'skipped'];
    expect(await page.locator('details.case').first().getAttribute('data-status')).to.equal('fail');
    const groups = await page
      .locator('section.section-group')
      .evaluateAll((gs) =>
        gs.map((g) => Array.from(g.querySelectorAll('details.case')).map((d) => d.getAttribute('data-status') ?? '')),
      );
    expect(groups.length).to.be.greaterThan(10);
    for (const g of groups) {
      const ranks = g.map((s) => rank.indexOf(s));
      expect(ranks, g.join(',')).to.deep.equal([...ranks].sort((a, b) => a - b));
    }
    // the reason shows in the collapsed row of every failing case
    const firstFail = page.locator('details.case[data-status=fail]').first();
    expect(await firstFail.getAttribute('open')).to.equal(null);
    const rowReason = firstFail.locator('summary .row-reason');
    expect(await rowReason.isVisible()).to.equal(true);
    const firstFailId = await firstFail.getAttribute('id');
    expect(await rowReason.textContent()).to.equal(report.cases.find((c) => c.id === firstFailId)?.reason);
    // suite headings carry counts
    const rsHeading = await page.locator('section.suite[data-suite="rfc9449-rs"] > h3').textContent();
    const rsCases = report.cases.filter((c) => c.suite === 'rfc9449-rs');
    expect(rsHeading).to.include(`${rsCases.length} cases`);
    expect(rsHeading).to.include(`${rsCases.filter((c) => c.status === 'fail').length} fail`);
    // the section filter shows one section's cases, and hides the groups left empty
    await page.locator('select[name=section]').selectOption('RFC 9449 §4.3');
    const inSection = report.cases.filter((c) => /^RFC 9449 §4\.3\b/.test(c.ref.split(/[;,]/)[0].trim()));
    expect(await visible(page)).to.equal(inSection.length);
    expect(await page.locator('section.section-group:not(.hidden)').count()).to.equal(
      new Set(inSection.map((c) => c.suite)).size,
    );
    expect(errors).to.deep.equal([]);
  });

  it('DPoP-SK references link to the profile bundled in the page, whose sections exist', async () => {
    const { page, errors } = await open();
    const links = await page
      .locator('a.profile-link')
      .evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
    expect(links.length).to.be.greaterThan(50);
    for (const l of links) {
      expect(l.href).to.match(/^#dpop-sk-profile/);
      expect(await page.locator(l.href).count(), l.href).to.equal(1);
    }
    expect(links.find((l) => l.text === 'DPoP-SK §5')?.href).to.equal('#dpop-sk-profile-5');
    expect(await page.locator('#dpop-sk-profile-5').textContent()).to.include('(DPoP-SK §5)');
    await page.locator('a.profile-link[href="#dpop-sk-profile-5"]').first().click();
    expect(await page.evaluate(() => location.hash)).to.equal('#dpop-sk-profile-5');
    expect(await page.locator('#dpop-sk-profile-5').isVisible()).to.equal(true);
    expect(errors).to.deep.equal([]);
  });

  it('a failed case shows JWT header and payload labelled, the mutated member highlighted, and a curl command', async () => {
    const { page, errors } = await open();
    const c = page.locator('details#RS-9449-050');
    await c.locator(':scope > summary').click();
    const proof = c.locator('.jwt').filter({ hasText: 'DPoP proof' }).last();
    expect(await proof.locator('.jwt-part').allTextContents()).to.deep.equal(['header', 'payload']);
    expect(await proof.locator('mark.mutated').allTextContents()).to.deep.equal(['"htm": "POST"']);
    const curl = c.locator('details.curl').last();
    await curl.locator(':scope > summary').click();
    const command = (await curl.locator('pre').textContent()) ?? '';
    expect(command).to.match(/^curl -i \\\n {2}-X 'GET' \\\n {2}'http:\/\/127\.0\.0\.1:\d+\/resource'/);
    expect(command).to.match(/-H 'dpop: ey[\w-]+\.[\w-]+\.[\w-]+'/);
    expect(
      await c.locator('pre').filter({ hasText: '"resource": "ok",' }).count(),
      'a JSON body pretty-printed',
    ).to.equal(1);
    expect(errors).to.deep.equal([]);
  });

  for (const width of [1280, 390]) {
    it(`at ${width} px nothing scrolls sideways, with a failed case open, and ids stay on one line`, async () => {
      const { page, errors } = await open(true, width);
      for (const id of ['RS-9449-050', 'RS-SK-A-052'])
        await page.locator(`details#${id}`).evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await page
        .locator('details#RS-9449-050 details.curl')
        .last()
        .evaluate((d) => ((d as HTMLDetailsElement).open = true));
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `scrollWidth at ${width} px`).to.be.at.most(clientWidth);
      // the summary table fits too: every column in view without scrolling its own box
      const table = await page
        .locator('.scroll:has(table.summary)')
        .evaluate((box) => ({ scrollWidth: box.scrollWidth, clientWidth: box.clientWidth }));
      expect(table.scrollWidth, `summary table at ${width} px`).to.be.at.most(table.clientWidth);
      const idHeights = await page
        .locator('details.case > summary .id')
        .evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)),
        );
      expect(Math.max(...idHeights), 'lines an id takes').to.be.below(1.5);
      if (width === 390) await page.screenshot({ path: fromRoot('reports-out', 'report-narrow.png') });
      expect(errors).to.deep.equal([]);
    });
  }

  it('a screenshot of the report (README): written to reports-out/, and to docs/ with DPOP_UPDATE_SCREENSHOT=1', async () => {
    const { page, errors } = await open(true, 1100);
    await page.setViewportSize({ width: 1100, height: 760 });
    await page
      .locator('details.case[data-status=fail]')
      .first()
      .evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.locator('#failures').evaluate((h) => h.scrollIntoView());
    mkdirSync(fromRoot('reports-out'), { recursive: true });
    const shot = fromRoot('reports-out', 'report-screenshot.png');
    await page.screenshot({ path: shot, fullPage: false });
    expect(statSync(shot).size).to.be.greaterThan(10_000);
    if (process.env.DPOP_UPDATE_SCREENSHOT === '1') copyFileSync(shot, fromRoot('docs', 'report-screenshot.png'));
    const committed = fromRoot('docs', 'report-screenshot.png');
    expect(existsSync(committed), 'docs/report-screenshot.png (DPOP_UPDATE_SCREENSHOT=1 writes it)').to.equal(true);
    const png = readFileSync(committed);
    expect(png.subarray(1, 4).toString('latin1')).to.equal('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).to.deep.equal([1100, 760]);
    expect(png.length, 'kept small').to.be.below(250_000);
    expect(readFileSync(fromRoot('README.md'), 'utf8')).to.include('](docs/report-screenshot.png)');
    expect(errors).to.deep.equal([]);
  });

  describe('a tampered report.json re-rendered by the report command', () => {
    const XSS = `"'><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;

    it('is refused (exit 2, nothing written) when a numeric field holds markup', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tamper-num-'));
      const tampered = JSON.parse(readFileSync(new URL(url).pathname.replace(/report\.html$/, 'report.json'), 'utf8'));
      tampered.cases[0].durationMs = XSS;
      tampered.cases[1].transcript[0].step = XSS;
      tampered.counts.byStatus.pass = XSS;
      writeFileSync(join(dir, 'report.json'), JSON.stringify(tampered));
      const r = await cli(['report', join(dir, 'report.json'), '--html', join(dir, 'r.html')]);
      expect(r.code).to.equal(2);
      expect(existsSync(join(dir, 'r.html'))).to.equal(false);
    });

    it('renders markup in every string field as text: no script runs in Chromium', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tamper-str-'));
      const tampered = JSON.parse(readFileSync(new URL(url).pathname.replace(/report\.html$/, 'report.json'), 'utf8'));
      const failed = tampered.cases.find((c: { status: string }) => c.status === 'fail');
      Object.assign(failed, { title: XSS, reason: XSS, ref: `DPoP-SK §5${XSS}`, mutation: `htm ${XSS}`, suite: XSS });
      failed.tags = [XSS];
      failed.transcript[0].request.url = XSS;
      failed.transcript[0].request.headers.push([XSS, XSS]);
      failed.transcript[0].request.body = `</pre>${XSS}`;
      if (failed.transcript[0].response) failed.transcript[0].response.body = JSON.stringify({ [XSS]: XSS });
      failed.transcript[0].decoded[XSS] = { header: { [XSS]: XSS }, claims: { htm: XSS } };
      tampered.target = { mode: 'vendor', rs: { resource: XSS, features: [XSS] } };
      tampered.run = { faults: [XSS], selection: { suites: [XSS], ids: [], tags: [], levels: [] }, selected: 1 };
      writeFileSync(join(dir, 'report.json'), JSON.stringify(tampered));
      const r = await cli([
        'report',
        join(dir, 'report.json'),
        '--html',
        join(dir, 'r.html'),
        '--junit',
        join(dir, 'j.xml'),
      ]);
      expect(r.code).to.equal(0);
      const { page, errors } = await open(true, 1280, pathToFileURL(join(dir, 'r.html')).href);
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await page.locator(`details#${failed.id}`).evaluate((d) => ((d as HTMLDetailsElement).open = true));
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).to.equal(undefined);
      expect(await page.locator('img').count()).to.equal(0);
      expect(await page.locator('script').count()).to.equal(1);
      expect(await page.locator(`details#${failed.id} summary .title`).textContent()).to.equal(XSS);
      expect(dialogs).to.equal(0);
      expect(errors.filter((e) => !e.startsWith('external request'))).to.deep.equal([]);
      expect(errors.filter((e) => e.startsWith('external request'))).to.deep.equal([]);
    });
  });

  it('a bench report (no cases, no filters) loads with no script error, its table shown', async () => {
    const mocks = await startMocks();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'rep-bench-'));
      const r = await cli([
        'bench',
        '--rs',
        `${mocks.rsUrl}/resource`,
        '--kinds',
        'e',
        '--duration',
        '1',
        '--out',
        dir,
      ]);
      expect(r.code, r.errors).to.equal(0);
      const { page, errors } = await open(true, 390, pathToFileURL(join(dir, 'report.html')).href);
      expect(errors).to.deep.equal([]);
      expect(await page.locator('#bench').isVisible()).to.equal(true);
      expect(await page.locator('details.case').count()).to.equal(0);
    } finally {
      await mocks.close();
    }
  });

  it('without JavaScript every case and its details are still there; only the filters are gone', async () => {
    const { page } = await open(false);
    expect(await page.locator('details.case').count()).to.equal(total);
    expect(await page.locator('#filters').isVisible()).to.equal(false);
    const failed = page.locator('details.case[data-status=fail]').first();
    await failed.locator(':scope > summary').click();
    expect(await failed.locator('table.assertions').isVisible()).to.equal(true);
  });
});
