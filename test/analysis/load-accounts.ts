// Loads the hand-written test accounts (and other authorization-details files) for the
// analysis tests, with AWS managed policies from Keyward's catalogue, as the CLI does.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel, type AnalysisModel } from '../../src/analysis/index.js';
import { getAwsManagedPolicy } from '../../src/domain/aws-managed/catalogue.js';

export const ACCOUNTS_DIR = fileURLToPath(new URL('./accounts/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/authorization-details/', import.meta.url));

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function loadAccounts(paths: readonly string[], scps: readonly string[] = [], rcps: readonly string[] = []): AnalysisModel {
  const built = loadModel(
    paths.map((p) => ({ source: p, json: readJsonFile(p) })),
    { scps: scps.map((p) => ({ source: p, json: readJsonFile(p) })), rcps: rcps.map((p) => ({ source: p, json: readJsonFile(p) })), awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document },
  );
  if (!built.ok) throw new Error(built.problems.map((p) => `${p.source}: ${p.path}: ${p.message}`).join('\n'));
  return built.model;
}
