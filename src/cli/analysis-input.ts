// Reads the files `keyward analyze` and `keyward query` take (authorization details, SCPs)
// and builds the account model, with AWS managed policies from Keyward's catalogue.

import { formatProblem, loadModel, type AnalysisModel, type JsonInput } from '../analysis/index.js';
import { getAwsManagedPolicy } from '../domain/aws-managed/catalogue.js';
import type { CliIo } from './io.js';

async function readJson(io: CliIo, file: string): Promise<JsonInput | string> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    return `${file}: cannot read: ${(e as Error).message}`;
  }
  try {
    return { source: file, json: JSON.parse(text) as unknown };
  } catch (e) {
    return `${file}: not JSON: ${(e as Error).message}`;
  }
}

/** The model, or the messages to print (each naming the file and JSON path). */
export async function readModel(io: CliIo, files: readonly string[], scpFiles: readonly string[]): Promise<AnalysisModel | string[]> {
  const errors: string[] = [];
  const inputs: JsonInput[] = [];
  const scps: JsonInput[] = [];
  for (const f of files) {
    const r = await readJson(io, f);
    if (typeof r === 'string') errors.push(r);
    else inputs.push(r);
  }
  for (const f of scpFiles) {
    const r = await readJson(io, f);
    if (typeof r === 'string') errors.push(r);
    else scps.push(r);
  }
  if (errors.length > 0) return errors;
  const built = loadModel(inputs, { scps, awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document });
  if (!built.ok) return built.problems.map(formatProblem);
  return built.model;
}
