// Defined services from definition files rather than the store (`keyward lint --services DIR`).

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDefinitionText } from '../definition/parse-definition.js';
import { reservedPrefixes } from '../definition/reserved-prefixes.js';
import type { DefinedService } from './defined-services.js';
import type { DefinedServiceSource } from './service-catalogue.js';

/** Every `DIR/*.json` definition, checked; throws with each file's problems. */
export async function definitionsFromDirectory(dir: string, accountId = '000000000000'): Promise<DefinedServiceSource> {
  const reserved = await reservedPrefixes();
  const byPrefix = new Map<string, DefinedService>();
  const problems: string[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = parseDefinitionText(await readFile(join(dir, file), 'utf8'), { reserved });
    if (!parsed.ok) problems.push(...parsed.problems.map((p) => `${join(dir, file)}: ${p.path}: ${p.message}`));
    else byPrefix.set(parsed.definition.Name, { definition: parsed.definition, accountId });
  }
  if (problems.length > 0) throw new Error(`invalid service definitions:\n  ${problems.join('\n  ')}`);
  const map = { byPrefix };
  return { current: () => Promise.resolve(map) };
}
