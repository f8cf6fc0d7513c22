// Reads the files `keyward analyze` and `keyward query` take (authorization details, SCPs, RCPs)
// and builds the account model, with AWS managed policies from Keyward's catalogue.

import { buildModel, formatProblem, NO_EXCLUSIONS, readDetails, readExclusions, type Exclusions, type AnalysisModel, type AuthorizationDetails, type BuildModelOptions, type JsonInput, type ResourcePolicyInput } from '../analysis/index.js';
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

/** `--resource-policy [ACCOUNT:]ARN=FILE`: the resource, its owner when the ARN names none, and the file. */
export function parseResourcePolicyFlag(flag: string): { arn: string; account?: string; file: string } | string {
  const m = /^(?:(\d{12}):)?(arn:[^=]+)=(.+)$/.exec(flag);
  if (m === null) return `--resource-policy ${JSON.stringify(flag)}: expected [ACCOUNT:]ARN=FILE`;
  return { arn: m[2]!, file: m[3]!, ...(m[1] === undefined ? {} : { account: m[1] }) };
}

export interface InputFiles {
  readonly files: readonly string[];
  readonly scps: readonly string[];
  /** `--rcp` files: resource control policies. */
  readonly rcps?: readonly string[];
  /** `--resource-policy` flags, as given. */
  readonly resourcePolicies?: readonly string[];
  /** Details read another way (--endpoint-url). */
  readonly live?: readonly AuthorizationDetails[];
}

export interface AnalysisInputs {
  readonly details: readonly AuthorizationDetails[];
  readonly options: BuildModelOptions;
}

/** The validated details and the model options (SCPs, AWS managed policies), or the messages to print. */
export async function readInputs(io: CliIo, input: InputFiles): Promise<AnalysisInputs | string[]> {
  const errors: string[] = [];
  const details: AuthorizationDetails[] = [...(input.live ?? [])];
  const scps: JsonInput[] = [];
  const rcps: JsonInput[] = [];
  const resourcePolicies: ResourcePolicyInput[] = [];
  for (const flag of input.resourcePolicies ?? []) {
    const parsed = parseResourcePolicyFlag(flag);
    if (typeof parsed === 'string') {
      errors.push(parsed);
      continue;
    }
    const r = await readJson(io, parsed.file);
    if (typeof r === 'string') errors.push(r);
    else resourcePolicies.push({ arn: parsed.arn, source: r.source, json: r.json, ...(parsed.account === undefined ? {} : { account: parsed.account }) });
  }
  for (const f of input.files) {
    const r = await readJson(io, f);
    if (typeof r === 'string') errors.push(r);
    else {
      const read = readDetails(r.source, r.json);
      if (read.ok) details.push(read.details);
      else errors.push(...read.problems.map(formatProblem));
    }
  }
  for (const f of input.scps) {
    const r = await readJson(io, f);
    if (typeof r === 'string') errors.push(r);
    else scps.push(r);
  }
  for (const f of input.rcps ?? []) {
    const r = await readJson(io, f);
    if (typeof r === 'string') errors.push(r);
    else rcps.push(r);
  }
  if (errors.length > 0) return errors;
  return { details, options: { scps, rcps, resourcePolicies, awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document } };
}

/** The model, or the messages to print (each naming the file and JSON path). */
export async function readModel(io: CliIo, input: InputFiles): Promise<AnalysisModel | string[]> {
  const inputs = await readInputs(io, input);
  if (Array.isArray(inputs)) return inputs;
  const built = buildModel(inputs.details, inputs.options);
  if (!built.ok) return built.problems.map(formatProblem);
  return built.model;
}

/** The exclusions file, validated, or the messages to print. */
export async function readExclusionsFile(io: CliIo, file: string | undefined): Promise<Exclusions | string[]> {
  if (file === undefined) return NO_EXCLUSIONS;
  const r = await readJson(io, file);
  if (typeof r === 'string') return [r];
  const read = readExclusions(r.source, r.json);
  return read.ok ? read.exclusions : read.problems.map(formatProblem);
}
