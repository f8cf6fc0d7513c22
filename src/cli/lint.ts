// `keyward lint FILE`: parse a policy document and print each problem with its JSON path.

import { parseArgs } from 'node:util';
import { parsePolicy } from '../policy/document/parse-policy.js';
import type { PolicyKind } from '../policy/document/types.js';
import { unknownActionFindings } from '../authorize/catalogue/action-findings.js';
import { useDefinedServices } from '../authorize/catalogue/service-catalogue.js';
import { definitionsFromDirectory } from '../authorize/catalogue/static-services.js';
import type { CliIo } from './io.js';

const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

const HELP = `Usage: keyward lint [--kind KIND] [--json] FILE...

Checks policy documents as AWS IAM would and prints every problem with its JSON path.
  --kind KIND   identity (default), resource, trust, boundary, session, scp, rcp
  --json        print the problems as JSON
  --services DIR  also report actions that no service has, AWS's or those defined in DIR/*.json
                (docs/authorize.md)`;

export async function runLint(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { kind: { type: 'string', default: 'identity' }, json: { type: 'boolean' }, services: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const kind = values.kind as PolicyKind;
  if (!KINDS.includes(kind) || positionals.length === 0) {
    io.err(HELP);
    return 2;
  }
  const checkActions = values.services !== undefined;
  if (values.services !== undefined) useDefinedServices(await definitionsFromDirectory(values.services));
  let failed = false;
  const report: { file: string; ok: boolean; size?: number; problems: { path: string; message: string }[] }[] = [];
  for (const file of positionals) {
    const result = parsePolicy(await io.readFile(file), { kind });
    const unknown = result.ok && checkActions ? await unknownActionFindings(result.document) : [];
    if (result.ok && unknown.length === 0) report.push({ file, ok: true, size: result.document.size, problems: [] });
    else if (result.ok) {
      failed = true;
      report.push({ file, ok: false, problems: unknown });
    } else {
      failed = true;
      report.push({ file, ok: false, problems: result.problems.map((p) => ({ path: p.path, message: p.message })) });
    }
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else {
    for (const r of report) {
      if (r.ok) io.out(`${r.file}: ok (${r.size} characters)`);
      for (const p of r.problems) io.out(`${r.file}: ${p.path}: ${p.message}`);
    }
  }
  return failed ? 1 : 0;
}
