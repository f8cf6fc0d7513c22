// Writing service definitions: check, then store (create, replace, delete), and the start-up
// load of a directory of definition files (`keyward serve --services DIR`).

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../storage/ports.js';
import type { StoredServiceDefinition } from '../storage/authorize-repositories.js';
import { parseDefinition, type DefinitionProblem } from './definition/parse-definition.js';
import { reservedPrefixes } from './definition/reserved-prefixes.js';
import type { ServiceDefinition } from './definition/service-definition.js';

/** A definition that failed its checks; `problems` carry JSON paths. */
export class InvalidDefinitionError extends Error {
  override readonly name = 'InvalidDefinitionError';
  constructor(
    readonly problems: readonly DefinitionProblem[],
    readonly source?: string,
  ) {
    super(`${source === undefined ? '' : `${source}: `}${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** The checked definition of `input` (parsed JSON), or InvalidDefinitionError. */
export async function checkDefinition(input: unknown, source?: string): Promise<ServiceDefinition> {
  const parsed = parseDefinition(input, { reserved: await reservedPrefixes() });
  if (!parsed.ok) throw new InvalidDefinitionError(parsed.problems, source);
  return parsed.definition;
}

export function storedDefinition(definition: ServiceDefinition, accountId: string, now: Date, createDate: Date = now): StoredServiceDefinition {
  return {
    prefix: definition.Name,
    signingName: definition.Signing.Name,
    accountId,
    document: JSON.stringify(definition),
    createDate,
    updateDate: now,
  };
}

/** Stores a checked definition: a new prefix is created, an existing one replaced (keeping its owner and creation date). */
export async function upsertDefinition(store: Store, definition: ServiceDefinition, accountId: string, now: Date): Promise<'created' | 'updated'> {
  return store.write(async (tx) => {
    const existing = await tx.serviceDefinitions.get(definition.Name);
    if (existing === undefined) {
      await tx.serviceDefinitions.insert(storedDefinition(definition, accountId, now));
      return 'created';
    }
    await tx.serviceDefinitions.update(storedDefinition(definition, existing.accountId, now, existing.createDate));
    return 'updated';
  });
}

export interface LoadedDefinition {
  readonly file: string;
  readonly prefix: string;
  readonly outcome: 'created' | 'updated';
}

/**
 * Loads every `*.json` file of `dir` as a definition owned by `accountId`. All files are
 * checked before any is stored: one bad file stops the start with its path and problems.
 */
export async function loadServiceDirectory(store: Store, dir: string, accountId: string, now: Date): Promise<LoadedDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const checked: { file: string; definition: ServiceDefinition }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      problems.push(`${path}: $: is not valid JSON: ${(error as Error).message}`);
      continue;
    }
    try {
      checked.push({ file: path, definition: await checkDefinition(json, path) });
    } catch (error) {
      if (!(error instanceof InvalidDefinitionError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new Error(`invalid service definitions:\n  ${problems.join('\n  ')}`);
  const loaded: LoadedDefinition[] = [];
  for (const { file, definition } of checked) {
    loaded.push({ file, prefix: definition.Name, outcome: await upsertDefinition(store, definition, accountId, now) });
  }
  return loaded;
}
