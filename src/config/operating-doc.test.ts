// docs/operating.md cannot go stale: its example keyward.toml is a valid config file, and its
// settings table and metrics list name every setting and every Keyward metric.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ServerMetrics } from '../observability/metrics.js';
import { parseConfigText } from './config-file.js';
import { resolveConfig } from './config.js';
import { SETTINGS } from './settings.js';

const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'operating.md'), 'utf8');

describe('docs/operating.md', () => {
  it('has an example keyward.toml that loads', () => {
    const example = /```toml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const config = resolveConfig(parseConfigText(example ?? '', '/etc/keyward/keyward.toml'));
    expect(config).toMatchObject({ port: 443, tls: { certFile: '/etc/keyward/tls/fullchain.pem' }, metrics: { port: 9464 }, shutdownTimeoutMs: 15_000 });
  });

  it('lists every setting with its environment variable', () => {
    for (const setting of SETTINGS) {
      expect(doc).toContain(`\`${setting.key}\``);
      expect(doc).toContain(`\`${setting.env}\``);
      if (setting.flag) expect(doc).toContain(`\`--${setting.key}\``);
    }
  });

  it('lists every Keyward metric', async () => {
    const metrics = new ServerMetrics({ usageBacklog: () => 0, listenerUp: async () => true });
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name).filter((n) => n.startsWith('keyward_'));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) expect(doc).toContain(`\`${name}\``);
  });
});
