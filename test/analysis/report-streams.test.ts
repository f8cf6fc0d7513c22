// The report written in chunks (a large account's JSON and HTML are longer than one string may
// be): on the test accounts, the chunks are byte for byte JSON.stringify's text and the page
// reportToHtml returns.

import { describe, expect, it } from 'vitest';
import { analyze, htmlChunks, jsonChunks, reportToHtml, reportToSarif } from '../../src/analysis/index.js';
import { loadActionCatalogue } from '../../src/cli/action-catalogue.js';
import { ACCOUNTS_DIR, FIXTURES_DIR, loadAccounts } from './load-accounts.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const ACCOUNTS: Record<string, readonly string[]> = {
  techniques: [`${ACCOUNTS_DIR}techniques-111111111111.json`, `${ACCOUNTS_DIR}cross-222222222222.json`],
  'least-privilege': [`${ACCOUNTS_DIR}least-privilege-333333333333.json`],
  cloudsplaining: [`${FIXTURES_DIR}cloudsplaining-example.json`],
};

describe('report chunks', async () => {
  const catalogue = await loadActionCatalogue();
  for (const [name, files] of Object.entries(ACCOUNTS)) {
    it(`${name}: the JSON and SARIF chunks are JSON.stringify's text; the HTML chunks are the page`, () => {
      const model = loadAccounts(files);
      const { report } = analyze(model, { now: NOW, catalogue });
      const chunks = [...jsonChunks(report, { chunkSize: 8192 })];
      expect(chunks.join('')).toBe(JSON.stringify(report, null, 2));
      if (name !== 'techniques') expect(chunks.length).toBeGreaterThan(1);
      const sarif = reportToSarif(report, model);
      expect([...jsonChunks(sarif)].join('')).toBe(JSON.stringify(sarif, null, 2));
      const options = { generatedAt: NOW };
      const page = [...htmlChunks(report, options)];
      expect(page.join('')).toBe(reportToHtml(report, options));
      if (name === 'cloudsplaining') expect(page.length).toBeGreaterThan(1);
    });
  }
});
