// Reads the files `keyward analyze` and `keyward query` take (authorization details, SCPs)
// and builds the account model, with AWS managed policies from Keyward's catalogue.

import { buildModel, formatProblem, readDetails, type AnalysisModel, type AuthorizationDetails, type BuildModelOptions, type JsonInput } from '../analysis/index.js';
import { getAwsManagedPolicy } from '../domain/aws-managed/catalogue.js';
import type { CliIo } from './io.js';

export async function readJson(io: CliIo, file: string): Promise<JsonInput | string> {
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

export interface AnalysisInputs {
  readonly details: readonly AuthorizationDetails[];
  readonly options: BuildModelOptions;
}

/** The validated details and the model options (SCPs, AWS managed policies), or the messages to print. */
export async function readInputs(io: CliIo, files: readonly string[], scpFiles: readonly string[], extra: readonly AuthorizationDetails[] = []): Promise<AnalysisInputs | string[]> {
  const errors: string[] = [];
  const details: AuthorizationDetails[] = [...extra];
  const scps: JsonInput[] = [];
  for (const f of files) {
    const r = await readJson(io, f);
    if (typeof r === 'string') errors.push(r);
    else {
      const read = readDetails(r.source, r.json);
      if (read.ok) details.push(read.details);
      else errors.push(...read.problems.map(formatProblem));
    }
  }
  for (const f of scpFiles) {
    const r = await readJson(io, f);
    if (typeof r === 'string') errors.push(r);
    else scps.push(r);
  }
  if (errors.length > 0) return errors;
  return { details, options: { scps, awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document } };
}

/** The model, or the messages to print (each naming the file and JSON path). */
export async function readModel(io: CliIo, files: readonly string[], scpFiles: readonly string[], extra: readonly AuthorizationDetails[] = []): Promise<AnalysisModel | string[]> {
  const inputs = await readInputs(io, files, scpFiles, extra);
  if (Array.isArray(inputs)) return inputs;
  const built = buildModel(inputs.details, inputs.options);
  if (!built.ok) return built.problems.map(formatProblem);
  return built.model;
}
