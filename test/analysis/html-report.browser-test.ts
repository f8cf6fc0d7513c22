// The HTML report opened in a real browser (Debian's chromium through playwright-core): the
// graph and the tables render, the findings filter works, nothing is fetched from the
// network and the console stays clean. A screenshot is kept in test-output/.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, reportToHtml, type AnalysisReport } from '../../src/analysis/index.js';
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
    // Every node's box lies inside the drawing.
    const outside = await page.$$eval('#graph-svg rect', (rects: El[]) => {
      const svg = document.getElementById('graph-svg')!.getBoundingClientRect();
      return rects.filter((r) => {
        const b = r.getBoundingClientRect();
        return b.width === 0 || b.left < svg.left - 1 || b.right > svg.right + 1 || b.top < svg.top - 1 || b.bottom > svg.bottom + 1;
      }).length;
    });
    expect(outside).toBe(0);
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
