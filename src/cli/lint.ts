// `keyward lint FILE...`: validates policy documents with the checks Access Analyzer's
// ValidatePolicy runs (the same issue codes and locations) and prints them as text, JSON or SARIF.

import { parseArgs } from 'node:util';
import { policySize } from '../policy/document/policy-size.js';
import type { PolicyKind } from '../policy/document/types.js';
import { VALIDATE_POLICY_RESOURCE_TYPES, VALIDATE_POLICY_TYPES } from '../policy/validate/types.js';
import type { ValidatePolicyResourceType, ValidatePolicyType } from '../policy/validate/types.js';
import { validatePolicy } from '../policy/validate/validate-policy.js';
import { prepareCatalog } from '../services/accessanalyzer/iam-data-catalog.js';
import { stopUsingDefinedServices, useDefinedServices } from '../authorize/catalogue/service-catalogue.js';
import { definitionsFromDirectory } from '../authorize/catalogue/static-services.js';
import type { CliIo } from './io.js';
import { formatSarif, formatText } from './lint-format.js';
import type { LintReport } from './lint-format.js';

const KINDS: Readonly<Record<PolicyKind, { readonly type: ValidatePolicyType; readonly resource?: ValidatePolicyResourceType }>> = {
  identity: { type: 'IDENTITY_POLICY' },
  boundary: { type: 'IDENTITY_POLICY' },
  session: { type: 'IDENTITY_POLICY' },
  resource: { type: 'RESOURCE_POLICY' },
  trust: { type: 'RESOURCE_POLICY', resource: 'AWS::IAM::AssumeRolePolicyDocument' },
  scp: { type: 'SERVICE_CONTROL_POLICY' },
  rcp: { type: 'RESOURCE_CONTROL_POLICY' },
};
const FORMATS = ['text', 'json', 'sarif'] as const;

const HELP = `Usage: keyward lint [--kind KIND | --policy-type TYPE [--resource-type TYPE]] [--format text|json|sarif] [--services DIR] FILE...

Validates policy documents with Access Analyzer's policy checks (ValidatePolicy): every finding with
its issue code, type, message and location. Exits 1 when a finding is an ERROR or SECURITY_WARNING.
  --kind KIND            identity (default), boundary, session, resource, trust, scp, rcp
  --policy-type TYPE     ${VALIDATE_POLICY_TYPES.join(', ')}
  --resource-type TYPE   with RESOURCE_POLICY: ${VALIDATE_POLICY_RESOURCE_TYPES.join(', ')}
  --format FORMAT        text (default), json, sarif
  --json                 the same as --format json
  --services DIR         also know the platform's own services defined in DIR/*.json (docs/authorize.md):
                         their actions, resource types and condition keys are checked like AWS's`;

export async function runLint(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      kind: { type: 'string', default: 'identity' },
      'policy-type': { type: 'string' },
      'resource-type': { type: 'string' },
      format: { type: 'string', default: 'text' },
      json: { type: 'boolean' },
      services: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const kind = KINDS[values.kind as PolicyKind] as (typeof KINDS)[PolicyKind] | undefined;
  const policyType = (values['policy-type'] ?? kind?.type) as ValidatePolicyType | undefined;
  const resourceType = (values['resource-type'] ?? (values['policy-type'] === undefined ? kind?.resource : undefined)) as ValidatePolicyResourceType | undefined;
  const format = values.json === true ? 'json' : values.format;
  if (
    kind === undefined ||
    policyType === undefined ||
    !VALIDATE_POLICY_TYPES.includes(policyType) ||
    (resourceType !== undefined && !VALIDATE_POLICY_RESOURCE_TYPES.includes(resourceType)) ||
    !(FORMATS as readonly string[]).includes(format) ||
    positionals.length === 0
  ) {
    io.err(HELP);
    return 2;
  }
  let defined: Awaited<ReturnType<typeof definitionsFromDirectory>> | undefined;
  if (values.services !== undefined) {
    try {
      defined = await definitionsFromDirectory(values.services);
    } catch (error) {
      io.err(`keyward lint: --services ${values.services}: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    useDefinedServices(defined);
  }
  const reports: LintReport[] = [];
  try {
    for (const file of positionals) {
      const text = await io.readFile(file);
      const catalog = await prepareCatalog(text);
      const findings = validatePolicy(text, { policyType, ...(resourceType !== undefined && { resourceType }), catalog });
      reports.push({ file, size: policySize(text), findings });
    }
  } finally {
    if (defined !== undefined) stopUsingDefinedServices(defined);
  }
  if (format === 'json') io.out(JSON.stringify(reports.map((r) => ({ file: r.file, findings: r.findings })), null, 2));
  else if (format === 'sarif') io.out(JSON.stringify(formatSarif(reports), null, 2));
  else for (const line of formatText(reports)) io.out(line);
  const failing = reports.some((r) => r.findings.some((f) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING'));
  return failing ? 1 : 0;
}
