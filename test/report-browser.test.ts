import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fromRoot } from '../base/package-root.js';
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
  let report: { cases: { id: string; status: string; level: string; tags: string[] }[] };

  before(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).to.equal(true);
    const dir = mkdtempSync(join(tmpdir(), 'rep-browser-'));
    await cli(['run', '--out', dir, '--mock-fault', 'rs-skip-htm', '--mock-fault', 'rs-htu-exact-string']);
    url = pathToFileURL(join(dir, 'report.html')).href;
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  after(() => browser?.close());

  async function open(javaScriptEnabled = true): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`external request ${r.url()}`);
    });
    await page.goto(url);
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
    await only.locator('summary').click();
    expect(await only.locator('.reason').textContent()).to.equal('status: expected one of 400, 401, got 200');
    expect(await only.locator('pre').filter({ hasText: '"htm": "POST"' }).count()).to.be.greaterThan(0);
    await page.locator('input[name=text]').fill('');
    await page.locator('input[name=status][value=pass]').uncheck();
    await page.locator('details.case:not(.hidden) summary').first().click();
    mkdirSync(fromRoot('reports-out'), { recursive: true });
    const shot = fromRoot('reports-out', 'report-screenshot.png');
    await page.screenshot({ path: shot, fullPage: false });
    expect(statSync(shot).size).to.be.greaterThan(10_000);
    expect(errors).to.deep.equal([]);
  });

  it('without JavaScript every case and its details are still there; only the filters are gone', async () => {
    const { page } = await open(false);
    expect(await page.locator('details.case').count()).to.equal(total);
    expect(await page.locator('#filters').isVisible()).to.equal(false);
    const failed = page.locator('details.case[data-status=fail]').first();
    await failed.locator('summary').click();
    expect(await failed.locator('table.assertions').isVisible()).to.equal(true);
  });
});
