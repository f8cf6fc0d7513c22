// `keyward query`: who can do what in one or more accounts' authorization details,
// following escalation paths (access through a principal one can become counts).

import { parseArgs } from 'node:util';
import { analyze, answerQuery, parseQuery, type Access, type AuthorizationDetails, type Edge, type PathStep, type QueryAnswer } from '../analysis/index.js';
import { readModel } from './analysis-input.js';
import { readLiveDetails } from './live-input.js';
import type { CliIo } from './io.js';

const HELP = `Usage: keyward query QUERY [FILE...] [--endpoint-url URL [--profile NAME]] [--scp FILE ...] [--rcp FILE ...]
       [--resource-policy [ACCOUNT:]ARN=FILE ...] [--json]

QUERY is one of
  'can PRINCIPAL_ARN do ACTION [on RESOURCE_ARN] [when KEY=VALUE ...]'
  'who can do ACTION [on RESOURCE_ARN] [when KEY=VALUE ...]'
  'admins'     the principals that may do anything
  'privesc'    the principals that can become an admin
  'connected PRINCIPAL_ARN'
               the principals PRINCIPAL can become through escalation edges, those that can
               become it, and the edges between them
FILE is the output of 'aws iam get-account-authorization-details' (one per account);
--endpoint-url reads the account from a running Keyward (or AWS) through the IAM API instead.
Exit status: 0 allowed or found, 3 denied or none, 2 usage or input errors.`;

export async function runQuery(args: readonly string[], io: CliIo): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        scp: { type: 'string', multiple: true, default: [] },
        rcp: { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean' },
        'endpoint-url': { type: 'string' },
        'resource-policy': { type: 'string', multiple: true, default: [] },
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.err(`keyward query: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [text, ...files] = positionals;
  const endpoint = values['endpoint-url'];
  if (text === undefined || (files.length === 0 && endpoint === undefined)) {
    io.err(`keyward query: a query and at least one file are needed\n\n${HELP}`);
    return 2;
  }
  const parsed = parseQuery(text);
  if (!parsed.ok) {
    io.err(`keyward query: ${parsed.message}`);
    return 2;
  }
  const live = endpoint === undefined ? [] : await readLiveDetails({ endpoint, ...(values.profile === undefined ? {} : { profile: values.profile }) });
  if (live.some((l) => typeof l === 'string')) {
    for (const m of live) io.err(`keyward query: ${String(m)}`);
    return 2;
  }
  const model = await readModel(io, { files, scps: values.scp, rcps: values.rcp, resourcePolicies: values['resource-policy'], live: live as AuthorizationDetails[] });
  if (Array.isArray(model)) {
    for (const m of model) io.err(`keyward query: ${m}`);
    return 2;
  }
  const { graph } = analyze(model);
  const answer = answerQuery(graph, parsed.query);
  if (answer.kind === 'error') {
    io.err(`keyward query: ${answer.message}`);
    return 2;
  }
  if (values.json) io.out(JSON.stringify(answer, null, 2));
  switch (answer.kind) {
    case 'can':
      if (!values.json) io.out(answer.access === undefined ? 'no' : `yes: ${describe(answer.access)}`);
      return answer.allowed ? 0 : 3;
    case 'who':
      if (!values.json) for (const a of answer.principals) io.out(describe(a));
      return answer.principals.length > 0 ? 0 : 3;
    case 'admins':
      if (!values.json) for (const a of answer.admins) io.out(a);
      return answer.admins.length > 0 ? 0 : 3;
    case 'privesc':
      if (!values.json) for (const s of answer.sources) io.out(s);
      return answer.sources.length > 0 ? 0 : 3;
    case 'connected':
      if (!values.json) io.out(connectedText(answer));
      return answer.edges.length > 0 ? 0 : 3;
  }
}

function stepText(s: Pick<PathStep, 'from' | 'to' | 'technique' | 'actions' | 'needsMfa' | 'conditions' | 'selfEscalation'>): string {
  const extra = [s.needsMfa ? 'needs MFA' : '', s.conditions.length > 0 ? `if ${s.conditions.map((c) => `${c.operator} ${c.key}=${c.values.join('|')}`).join(', ')}` : '']
    .filter((x) => x !== '')
    .join('; ');
  const target = s.selfEscalation ? 'itself an admin' : s.to;
  return `${s.from} -> ${target} by ${s.technique} (${s.actions.join(', ')})${extra === '' ? '' : ` [${extra}]`}`;
}

function edgeText(e: Edge): string {
  return stepText({ ...e, selfEscalation: e.from === e.to });
}

function connectedText(a: Extract<QueryAnswer, { kind: 'connected' }>): string {
  const list = (title: string, arns: readonly string[]) => [`${title} (${arns.length}):`, ...arns.map((x) => `  ${x}`)];
  return [
    ...list(`${a.principal} can become`, a.reaches),
    ...list(`can become ${a.principal}`, a.reachedBy),
    `edges (${a.edges.length}):`,
    ...a.edges.map((e) => `  ${edgeText(e)}`),
  ].join('\n');
}

function describe(a: Access): string {
  const head = a.steps.length === 0 ? `${a.principal} directly` : `${a.principal} as ${a.actingAs}`;
  const mfa = a.needsMfa ? ' (needs MFA)' : '';
  const conditions = a.conditions.length > 0 ? ` if ${a.conditions.map((c) => `${c.operator} ${c.key}=${c.values.join('|')}`).join(', ')}` : '';
  return [head + mfa + conditions, ...a.steps.map((s) => `  ${stepText(s)}`)].join('\n');
}
