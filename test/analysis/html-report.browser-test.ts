// The HTML report opened in a real browser (Debian's chromium through playwright-core): the
// graph and the tables render, the findings filter works, nothing is fetched from the
// network and the console stays clean. A screenshot is kept in test-output/.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, loadModel, reportToHtml, type AnalysisReport } from '../../src/analysis/index.js';
import { getAwsManagedPolicy } from '../../src/domain/aws-managed/catalogue.js';
import { generatedAccount } from '../../bench/analysis-account.js';
import { loadActionCatalogue } from '../../src/cli/action-catalogue.js';
import { ACCOUNTS_DIR, FIXTURES_DIR, loadAccounts } from './load-accounts.js';

// The few DOM shapes the page functions use (the project's TypeScript has no DOM library).
interface Box { left: number; right: number; top: number; bottom: number; width: number }
interface El { hidden: boolean; textContent: string | null; getBoundingClientRect(): Box }
declare const document: { getElementById(id: string): El | null };

const CHROMIUM = process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium';
const OUTPUT = process.env.KEYWARD_TEST_OUTPUT ?? 'test-output';
const NOW = new Date('2026-06-01T00:00:00Z');

describe('the HTML report in chromium', () => {
  let browser: Browser;
  let page: Page;
  let report: AnalysisReport;
  const problems: string[] = [];
  const requests: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'keyward-html-'));

  beforeAll(async () => {
    const catalogue = await loadActionCatalogue();
    const model = loadAccounts([`${ACCOUNTS_DIR}techniques-111111111111.json`, `${ACCOUNTS_DIR}cross-222222222222.json`, `${FIXTURES_DIR}cloudsplaining-example.json`]);
    report = analyze(model, { now: NOW, catalogue }).report;
    const file = join(dir, 'analysis.html');
    writeFileSync(file, reportToHtml(report, { generatedAt: NOW }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the escalation graph with admins and escalating principals marked', async () => {
    const svg = page.locator('#graph-svg');
    await expect(svg.isVisible()).resolves.toBe(true);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(100);
    expect(await page.locator('#graph-svg g.node-admin').count()).toBeGreaterThan(0);
    expect(await page.locator('#graph-svg g.node-escalating').count()).toBeGreaterThan(10);
    expect(await page.locator('#graph-svg g.edge').count()).toBeGreaterThan(10);
    // Every node's box lies inside the drawing (the band of principals on no path is hidden).
    const outside = await page.$$eval('#graph-svg rect:not(#graph-others rect)', (rects: El[]) => {
      const svg = document.getElementById('graph-svg')!.getBoundingClientRect();
      return rects.filter((r) => {
        const b = r.getBoundingClientRect();
        return b.width === 0 || b.left < svg.left - 1 || b.right > svg.right + 1 || b.top < svg.top - 1 || b.bottom > svg.bottom + 1;
      }).length;
    });
    expect(outside).toBe(0);
  });

  it('zooms, pans, shows one principal\'s arrows, and shows the principals on no path on request', async () => {
    const viewBox = () => page.locator('#graph-svg').getAttribute('viewBox');
    const fitted = await viewBox();
    await page.click('#graph-zoom-in');
    const zoomed = (await viewBox())!.split(' ').map(Number);
    expect(zoomed[2]).toBeLessThan(Number(fitted!.split(' ')[2]));
    const box = (await page.locator('#graph-svg').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2 - 30, { steps: 4 });
    await page.mouse.up();
    const panned = (await viewBox())!.split(' ').map(Number);
    expect(panned[0]).toBeGreaterThan(zoomed[0]!);
    await page.click('#graph-fit');
    expect(await viewBox()).toBe(fitted);

    const admin = page.locator('#graph-svg g.node-admin').first();
    const arn = await admin.getAttribute('data-arn');
    await admin.dispatchEvent('click');
    type G = { getAttribute(n: string): string | null };
    const ends = (gs: G[]) => gs.map((g) => [g.getAttribute('data-from'), g.getAttribute('data-to')]);
    const hot = await page.$$eval('#graph-svg g.edge.hot', ends);
    const touching = (await page.$$eval('#graph-svg g.edge', ends)).filter(([from, to]) => from === arn || to === arn);
    expect(hot.length).toBeGreaterThan(0);
    expect(hot).toEqual(touching);
    await page.locator('#graph-svg').dispatchEvent('click');
    expect(await page.locator('#graph-svg g.edge.hot').count()).toBe(0);

    expect(await page.locator('#graph-others').isVisible()).toBe(false);
    await page.check('#graph-show-all');
    expect(await page.locator('#graph-others').isVisible()).toBe(true);
    expect(await page.locator('#graph-others g.node').count()).toBeGreaterThan(0);
    await page.uncheck('#graph-show-all');
    expect(await page.locator('#graph-others').isVisible()).toBe(false);
  });

  it('draws a big account in bands that stay wide, not tall', async () => {
    const big = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    big.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const catalogue = await loadActionCatalogue();
    const built = loadModel([{ source: 'generated.json', json: generatedAccount(400) }], { awsManagedPolicy: (a) => getAwsManagedPolicy(a)?.document });
    if (!built.ok) throw new Error('the generated account does not load');
    const bigReport = analyze(built.model, { now: NOW, catalogue }).report;
    const file = join(dir, 'big.html');
    writeFileSync(file, reportToHtml(bigReport, { generatedAt: NOW, maxPaths: 200 }));
    await big.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const svg = big.locator('#graph-svg');
    expect(await svg.getAttribute('data-layout')).toBe('bands');
    expect(await big.locator('#graph-svg g.node:not(#graph-others g.node)').count()).toBeGreaterThan(60);
    const width = Number(await svg.getAttribute('width'));
    const height = Number(await svg.getAttribute('height'));
    expect(width).toBeGreaterThan(height);
    const shown = (await svg.boundingBox())!;
    expect(shown.height).toBeLessThan(1000);
    expect(await big.locator('#graph-svg g.band-escalating').count()).toBe(1);
    expect(await big.locator('#graph-svg g.band-admins').count()).toBe(1);
    mkdirSync(OUTPUT, { recursive: true });
    await big.locator('#graph').screenshot({ path: join(OUTPUT, 'analysis-report-graph-big.png') });
    await big.close();
  });

  it('renders the summary, the paths and every finding', async () => {
    expect(await page.locator('#count-admins').textContent()).toBe(String(report.admins.length));
    expect(await page.locator('#count-paths').textContent()).toBe(String(report.escalations.length));
    expect(await page.locator('#paths tr.path').count()).toBe(Math.min(report.escalations.length, 2000));
    expect(await page.locator('#findings tbody tr').count()).toBe(report.findings.length);
    expect(await page.locator('#risks tbody tr').count()).toBeGreaterThan(20);
  });

  it('filters the findings as one types', async () => {
    await page.fill('#finding-filter', 'self-escalation');
    const visible = await page.$$eval('#findings tbody tr', (rows: El[]) => rows.filter((r) => !r.hidden).map((r) => r.textContent ?? ''));
    expect(visible.length).toBe(report.findings.filter((f) => `${f.rule} ${f.message} ${f.remediation}`.includes('self-escalation')).length);
    expect(visible.every((t) => t.toLowerCase().includes('self-escalation'))).toBe(true);
    await page.fill('#finding-filter', '');
    expect(await page.$$eval('#findings tbody tr', (rows: El[]) => rows.filter((r) => r.hidden).length)).toBe(0);
  });

  it('fetches nothing but the page, logs no errors, and leaves a screenshot', async () => {
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(problems).toEqual([]);
    mkdirSync(OUTPUT, { recursive: true });
    await page.locator('#graph').screenshot({ path: join(OUTPUT, 'analysis-report-graph.png') });
    await page.screenshot({ path: join(OUTPUT, 'analysis-report.png') });
  });
});
