// `keyward alerts dead-letters list|replay`: reads the alerts that failed for good (after the
// delivery worker's last retry) and puts chosen ones back in the outbox, from which a running
// server sends them again. Works on the store directly, while servers run.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openStore } from '../storage/open-store.js';
import type { DeadLetter } from '../storage/events-repositories.js';
import type { CliIo } from './io.js';
import { STORE_LOCATION_HELP, storeLocation } from './store-location.js';

export const ALERTS_HELP = `Usage: keyward alerts dead-letters list [--json] [--limit N] [--data DIR | --database-url URL]
       keyward alerts dead-letters replay (ID... | --all) [--data DIR | --database-url URL]

Alerts that could not be delivered after every retry wait in the dead letters. 'list' shows
them oldest first (id, rule, target, attempts, last error; --json also the event sent);
'replay' puts them back in the outbox, and a running server sends them again.
  --json               one JSON object per dead letter
  --limit N            at most N (default 100)
  --all                replay every dead letter
${STORE_LOCATION_HELP}`;

function line(d: DeadLetter): string {
  return `${d.id}  ${d.failedAt.toISOString()}  rule ${d.ruleName}  target ${d.targetId}  attempts ${d.attempts}  ${d.lastError ?? ''}`.trimEnd();
}

export async function runAlerts(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      limit: { type: 'string' },
      all: { type: 'boolean' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(ALERTS_HELP);
    return 0;
  }
  const [group, action, ...ids] = positionals;
  if (group !== 'dead-letters' || (action !== 'list' && action !== 'replay')) {
    io.err(ALERTS_HELP);
    return 2;
  }
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.err(`keyward alerts: invalid --limit '${values.limit}' (a positive whole number)`);
    return 2;
  }
  if (action === 'replay' && ids.length === 0 && values.all !== true) {
    io.err('keyward alerts: name the dead letters to replay, or --all');
    return 2;
  }
  const location = storeLocation(values, env);
  if (location.config.kind === 'sqlite' && !existsSync(location.config.file)) {
    io.err(`keyward alerts: no store at ${location.label}`);
    return 1;
  }
  const store = await openStore(location.config);
  try {
    if (action === 'list') {
      const dead = await store.read((tx) => tx.events.listDeadLetters(limit));
      if (values.json === true) for (const d of dead) io.out(JSON.stringify({ ...d, payload: JSON.parse(d.payload) as unknown }));
      else if (dead.length === 0) io.out('keyward: no dead letters');
      else for (const d of dead) io.out(line(d));
      return 0;
    }
    const chosen = values.all === true ? (await store.read((tx) => tx.events.listDeadLetters(1_000_000))).map((d) => d.id) : ids;
    const now = new Date();
    let missing = 0;
    for (const id of chosen) {
      if (await store.write((tx) => tx.events.replayDeadLetter(id, now))) io.out(`keyward: replaying ${id}`);
      else {
        io.err(`keyward alerts: no dead letter ${id}`);
        missing += 1;
      }
    }
    return missing === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
