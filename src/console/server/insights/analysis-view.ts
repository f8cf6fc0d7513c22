// The escalation page's data: the account as the signed-in principal may read it
// (GetAccountAuthorizationDetails page by page, each user's access keys and login profile),
// analysed by src/analysis, with the graph
// drawn by the analysis' own SVG layout (the HTML report's), the admins and every path.
import { addUserCredentials, analyze, buildModel, formatProblem, readDetails, type AuthorizationDetails } from '../../../analysis/index.js';
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

/**
 * Every page of GetAccountAuthorizationDetails, then each user's access keys and login profile
 * (ListAccessKeys, GetLoginProfile), as `keyward analyze --endpoint-url` reads them, all as the
 * signed-in principal: a user whose keys or profile it may not read keeps them unknown.
 */
export async function readAccount(callAs: CallAs): Promise<AuthorizationDetails[]> {
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
  await addUserCredentials(pages, (action, input) => callAs('iam', action, input), { isDenied: isAccessDenied });
  return pages.map((json, i) => {
    const read = readDetails(`GetAccountAuthorizationDetails page ${i + 1}`, json);
    if (!read.ok) throw Object.assign(new Error(read.problems.map(formatProblem).join('; ')), { name: 'InvalidAuthorizationDetails', statusCode: 502 });
    return read.details;
  });
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
