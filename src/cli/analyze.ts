// `keyward analyze`: every privilege-escalation path in one or more accounts' authorization
// details, as JSON (to a directory or standard output), with a CI gate on severity.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { analyze, atLeast, formatProblem, htmlChunks, isSeverity, jsonChunks, readChanges, reportToDot, reportToSarif, reportToText, whatIf, whatIfToText, type AnalysisModel, type AnalysisReport, type AuthorizationDetails, type Exclusions } from '../analysis/index.js';
import { loadActionCatalogue } from './action-catalogue.js';
import { readExclusionsFile, readInputs, readJson, readModel, type InputFiles } from './analysis-input.js';
import { readLiveDetails } from './live-input.js';
import { writeChunks } from './write-chunks.js';
import type { CliIo } from './io.js';

const HELP = `Usage: keyward analyze [FILE...] [--endpoint-url URL [--profile NAME]] [--scp FILE ...] [--rcp FILE ...] [--out DIR] [--format json,html,text,dot,sarif] [--fail-on SEVERITY] [--what-if CHANGE.json]

Finds every path by which a user or role that is not an admin can become one, in the output
of 'aws iam get-account-authorization-details' (one file per account, or its pages).
  --endpoint-url URL  also read the account from a running Keyward (or AWS) through the IAM API
                      (GetAccountAuthorizationDetails; credentials from the usual AWS environment)
  --profile NAME      the AWS CLI profile whose credentials sign those calls
  --scp FILE          service control policy applied to every principal (repeatable)
  --rcp FILE          resource control policy applied to the resources of every account of the
                      input, whoever asks (repeatable; RCPFullAWSAccess is implied)
  --resource-policy [ACCOUNT:]ARN=FILE
                      the resource-based policy of ARN (a bucket, key, queue... policy; repeatable);
                      ACCOUNT owns it when the ARN names none and the input has several accounts
  --exclusions FILE   principals, policies and actions to leave out of the report (globs), and
                      known accounts: {"Principals": [], "Policies": [], "Actions": [], "KnownAccounts": []}
  --out DIR           write DIR/analysis.json, .html, .txt, .dot, .sarif (default: print the one format)
  --format LIST       json (default), html (one self-contained page: summary, risks, the graph,
                      paths, findings), text (for a terminal), dot (Graphviz: the escalation graph),
                      sarif (SARIF 2.1.0 findings)
  --fail-on SEVERITY  exit 4 when a finding is this severe or worse (info, low, medium, high, critical)
  --max-depth N       longest path searched, in steps (default 6)
  --what-if FILE      analyse the account as it is and after the change in FILE (IAM calls:
                      {"Changes": [{"Action": "AttachRolePolicy", "RoleName": ..., "PolicyArn": ...}]})
                      and report the admins, paths and findings it adds or removes (json or text;
                      --fail-on then looks at the findings it adds)
  --unused-days N     report credentials unused this many days, when the input has last-use data (default 90)
Exit status: 0 done, 4 a finding at or above --fail-on, 2 usage or input errors.`;

/** Accounts smaller than this are analysed too fast for a progress bar to help. */
const PROGRESS_FROM = 500;

export async function runAnalyze(args: readonly string[], io: CliIo): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        scp: { type: 'string', multiple: true, default: [] },
        rcp: { type: 'string', multiple: true, default: [] },
        out: { type: 'string' },
        format: { type: 'string', default: 'json' },
        'fail-on': { type: 'string' },
        'max-depth': { type: 'string' },
        'unused-days': { type: 'string' },
        'what-if': { type: 'string' },
        'endpoint-url': { type: 'string' },
        'resource-policy': { type: 'string', multiple: true, default: [] },
        exclusions: { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.err(`keyward analyze: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const endpoint = values['endpoint-url'];
  if (positionals.length === 0 && endpoint === undefined) {
    io.err(`keyward analyze: no input file (or --endpoint-url)\n\n${HELP}`);
    return 2;
  }
  if (values.profile !== undefined && endpoint === undefined) {
    io.err('keyward analyze: --profile goes with --endpoint-url');
    return 2;
  }
  const formats = [...new Set(values.format.split(','))];
  const unknown = formats.filter((f) => !(f in WRITERS));
  if (unknown.length > 0) {
    io.err(`keyward analyze: unsupported --format ${unknown.join(',')} (supported: ${Object.keys(WRITERS).join(', ')})`);
    return 2;
  }
  if (values.out === undefined && formats.length > 1) {
    io.err('keyward analyze: several formats need --out DIR');
    return 2;
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isSeverity(failOn)) {
    io.err(`keyward analyze: --fail-on must be one of info, low, medium, high, critical, not ${JSON.stringify(failOn)}`);
    return 2;
  }
  const maxDepth = values['max-depth'] === undefined ? undefined : Number(values['max-depth']);
  if (maxDepth !== undefined && (!Number.isInteger(maxDepth) || maxDepth < 1)) {
    io.err(`keyward analyze: --max-depth must be a positive integer`);
    return 2;
  }
  const unusedDays = values['unused-days'] === undefined ? undefined : Number(values['unused-days']);
  if (unusedDays !== undefined && (!Number.isInteger(unusedDays) || unusedDays < 1)) {
    io.err(`keyward analyze: --unused-days must be a positive integer`);
    return 2;
  }
  const live = endpoint === undefined ? [] : await readLiveDetails({ endpoint, ...(values.profile === undefined ? {} : { profile: values.profile }) });
  if (live.some((l) => typeof l === 'string')) {
    for (const m of live) io.err(`keyward analyze: ${String(m)}`);
    return 2;
  }
  const liveDetails = live as AuthorizationDetails[];
  const exclusions = await readExclusionsFile(io, values.exclusions);
  if (Array.isArray(exclusions)) {
    for (const m of exclusions) io.err(`keyward analyze: ${m}`);
    return 2;
  }
  const input = { files: positionals, scps: values.scp, rcps: values.rcp, resourcePolicies: values['resource-policy'], live: liveDetails };
  const whatIfFile = values['what-if'];
  if (whatIfFile !== undefined) {
    const unsupported = formats.filter((f) => f !== 'json' && f !== 'text');
    if (unsupported.length > 0) {
      io.err(`keyward analyze: --what-if writes json or text, not ${unsupported.join(',')}`);
      return 2;
    }
    return runWhatIf(io, input, whatIfFile, { formats: formats as ('json' | 'text')[], out: values.out, failOn, maxDepth, unusedDays, exclusions });
  }
  const model = await readModel(io, input);
  if (Array.isArray(model)) {
    for (const m of model) io.err(`keyward analyze: ${m}`);
    return 2;
  }
  // A progress bar only on a terminal, on standard error, so the JSON on standard output stays clean.
  const bar = process.stderr.isTTY && model.principals.length >= PROGRESS_FROM ? new cliProgress.SingleBar({ stream: process.stderr, format: 'analyzing {bar} {value}/{total} principals' }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(model.principals.length, 0);
  const onProgress = bar === undefined ? undefined : (done: number) => bar.update(done);
  const catalogue = await loadActionCatalogue();
  const { report } = analyze(model, { catalogue, exclusions, ...(maxDepth === undefined ? {} : { maxDepth }), ...(unusedDays === undefined ? {} : { unusedDays }), ...(onProgress === undefined ? {} : { onProgress }) });
  bar?.stop();
  // Standard output takes one string: a report too large for one needs --out.
  if (values.out === undefined) io.out([...WRITERS[formats[0] as Format]!.chunks(report, model)].join('').trimEnd());
  else {
    await mkdir(values.out, { recursive: true });
    const written: string[] = [];
    for (const f of formats as Format[]) {
      const file = join(values.out, WRITERS[f].file);
      await writeChunks(file, WRITERS[f].chunks(report, model));
      written.push(file);
    }
    io.out(summary(report, written));
  }
  if (failOn !== undefined && isSeverity(failOn) && report.findings.some((f) => atLeast(f.severity, failOn))) return 4;
  return 0;
}

interface WhatIfOptions {
  readonly formats: readonly ('json' | 'text')[];
  readonly out: string | undefined;
  readonly failOn: string | undefined;
  readonly maxDepth: number | undefined;
  readonly unusedDays: number | undefined;
  readonly exclusions: Exclusions;
}

async function runWhatIf(io: CliIo, input: InputFiles, changeFile: string, o: WhatIfOptions): Promise<number> {
  const inputs = await readInputs(io, input);
  const change = await readJson(io, changeFile);
  const errors = [...(Array.isArray(inputs) ? inputs : []), ...(typeof change === 'string' ? [change] : [])];
  const read = typeof change === 'string' ? undefined : readChanges(change.source, change.json);
  if (read !== undefined && !read.ok) errors.push(...read.problems.map(formatProblem));
  if (errors.length > 0 || Array.isArray(inputs) || read === undefined || !read.ok) {
    for (const m of errors) io.err(`keyward analyze: ${m}`);
    return 2;
  }
  const catalogue = await loadActionCatalogue();
  const result = whatIf(inputs.details, read.changes, changeFile, {
    model: inputs.options,
    analyze: { catalogue, exclusions: o.exclusions, ...(o.maxDepth === undefined ? {} : { maxDepth: o.maxDepth }), ...(o.unusedDays === undefined ? {} : { unusedDays: o.unusedDays }) },
  });
  if (!result.ok) {
    for (const p of result.problems) io.err(`keyward analyze: ${formatProblem(p)}`);
    return 2;
  }
  const render = (f: 'json' | 'text'): Iterable<string> => (f === 'json' ? withNewline(jsonChunks(result.report)) : [whatIfToText(result.report)]);
  if (o.out === undefined) io.out([...render(o.formats[0]!)].join('').trimEnd());
  else {
    await mkdir(o.out, { recursive: true });
    const written: string[] = [];
    for (const f of o.formats) {
      const file = join(o.out, f === 'json' ? 'what-if.json' : 'what-if.txt');
      await writeChunks(file, render(f));
      written.push(file);
    }
    const r = result.report;
    io.out([`admins: +${r.admins.added.length} -${r.admins.removed.length}`, `escalation paths: +${r.escalations.added.length} -${r.escalations.removed.length}`, `findings: +${r.findings.added.length} -${r.findings.removed.length}`, `written: ${written.join(', ')}`].join('\n'));
  }
  const failOn = o.failOn;
  if (failOn !== undefined && isSeverity(failOn) && result.report.findings.added.some((f) => atLeast(f.severity, failOn))) return 4;
  return 0;
}

type Format = 'json' | 'html' | 'text' | 'dot' | 'sarif';

/** Each format as chunks of text: the JSON, SARIF and HTML of a large account are longer than a string may be. */
const WRITERS: Readonly<Record<Format, { readonly file: string; chunks(report: AnalysisReport, model: AnalysisModel): Iterable<string> }>> = {
  json: { file: 'analysis.json', chunks: (report) => withNewline(jsonChunks(report)) },
  html: { file: 'analysis.html', chunks: (report) => htmlChunks(report, { generatedAt: new Date() }) },
  text: { file: 'analysis.txt', chunks: (report) => [reportToText(report)] },
  dot: { file: 'analysis.dot', chunks: (report) => [reportToDot(report)] },
  sarif: { file: 'analysis.sarif', chunks: (report, model) => withNewline(jsonChunks(reportToSarif(report, model))) },
};

function* withNewline(chunks: Iterable<string>): Generator<string, void, undefined> {
  yield* chunks;
  yield '\n';
}

function summary(report: AnalysisReport, files: readonly string[]): string {
  const sources = new Set(report.escalations.map((p) => p.source));
  return [
    `accounts: ${report.accounts.join(', ')}; users: ${report.principals.users}, roles: ${report.principals.roles}`,
    `admins: ${report.admins.length}`,
    `principals that can become admin: ${sources.size} (${report.escalations.length} paths)`,
    `findings: ${report.findings.length}`,
    `written: ${files.join(', ')}`,
  ].join('\n');
}
