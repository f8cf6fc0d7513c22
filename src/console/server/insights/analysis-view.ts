// The escalation page's data: the account as the signed-in principal may read it
// (GetAccountAuthorizationDetails page by page, the access keys and login profiles of the users
// that credential techniques reach), analysed by src/analysis, with the graph
// drawn by the analysis' own SVG layout (the HTML report's), the admins and every path.
import { addUserCredentials, analyze, buildModel, formatProblem, readDetails, TECHNIQUES, type AuthorizationDetails } from '../../../analysis/index.js';
import { graphSvg } from '../../../analysis/report/graph-svg.js';
import type { EscalationPath } from '../../../analysis/index.js';
import { isAccessDenied, type CallAs, type Json } from './call-as.js';

export interface AnalysisView {
  readonly admins: readonly string[];
  readonly paths: readonly EscalationPath[];
  readonly principals: { readonly users: number; readonly roles: number };
  readonly svg: string;
  readonly drawnNodes: number;
  readonly allNodes: number;
  readonly findings: readonly { readonly rule: string; readonly severity: string; readonly message: string }[];
  readonly warnings: readonly string[];
}

/** Every page of GetAccountAuthorizationDetails as the signed-in principal, as the CLI prints them. */
async function readPages(callAs: CallAs): Promise<Json[]> {
  const pages: Json[] = [];
  let marker: string | undefined;
  for (let page = 1; page <= 10_000; page += 1) {
    const raw = await callAs('iam', 'GetAccountAuthorizationDetails', { MaxItems: 1000, ...(marker === undefined ? {} : { Marker: marker }) });
    const json = JSON.parse(JSON.stringify(raw)) as Json;
    delete json.$metadata;
    pages.push(json);
    if (json.IsTruncated !== true || typeof json.Marker !== 'string') break;
    marker = json.Marker;
  }
  return pages;
}

function detailsOf(pages: readonly Json[]): AuthorizationDetails[] {
  return pages.map((json, i) => {
    const read = readDetails(`GetAccountAuthorizationDetails page ${i + 1}`, json);
    if (!read.ok) throw Object.assign(new Error(read.problems.map(formatProblem).join('; ')), { name: 'InvalidAuthorizationDetails', statusCode: 502 });
    return read.details;
  });
}

const CREDENTIAL_TECHNIQUES = new Set(TECHNIQUES.filter((t) => t.family === 'credentials').map((t) => t.id));

/** The users some path reaches by taking their credentials: where their keys and profile decide the technique. */
function credentialTargets(paths: readonly EscalationPath[], pages: readonly Json[]): Set<string> {
  const arns = new Set(paths.flatMap((p) => p.steps.filter((s) => [s.technique, ...s.alternatives].some((t) => CREDENTIAL_TECHNIQUES.has(t))).map((s) => s.to)));
  const names = new Set<string>();
  for (const page of pages) {
    for (const u of Array.isArray(page.UserDetailList) ? (page.UserDetailList as Json[]) : []) {
      if (typeof u.Arn === 'string' && arns.has(u.Arn) && typeof u.UserName === 'string') names.add(u.UserName);
    }
  }
  return names;
}

/**
 * The account as the signed-in principal may read it, analysed. Each user's access keys and
 * login profile decide which credential technique reaches it (two keys: delete one, then create;
 * a console password: change it, not create one), as `keyward analyze --endpoint-url` reads them
 * (ListAccessKeys, GetLoginProfile). They are read only for the users that a first analysis (with
 * them unknown, so every credential technique counts) finds reachable that way, then the
 * account is analysed again: a few calls instead of two per user, so the page stays fast with
 * thousands of users. A user whose keys or profile the principal may not read keeps them unknown.
 */
export async function analyseAccount(callAs: CallAs, now: Date): Promise<AnalysisView> {
  const pages = await readPages(callAs);
  const first = analysisView(detailsOf(pages), now);
  const targets = credentialTargets(first.paths, pages);
  if (targets.size === 0) return first;
  await addUserCredentials(pages, (action, input) => callAs('iam', action, input), { isDenied: isAccessDenied, only: targets });
  return analysisView(detailsOf(pages), now);
}

export function analysisView(details: readonly AuthorizationDetails[], now: Date): AnalysisView {
  const built = buildModel(details);
  if (!built.ok) throw Object.assign(new Error(built.problems.map(formatProblem).join('; ')), { name: 'InvalidAuthorizationDetails', statusCode: 502 });
  const { report } = analyze(built.model, { now });
  const graph = graphSvg(report);
  return {
    admins: report.admins,
    paths: report.escalations,
    principals: report.principals,
    svg: graph.allNodes === 0 ? '' : graph.svg,
    drawnNodes: graph.nodes,
    allNodes: graph.allNodes,
    findings: report.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message })),
    warnings: report.warnings,
  };
}
