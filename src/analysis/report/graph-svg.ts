// The escalation graph as an SVG picture, laid out by dagre: the principals on escalation
// paths (the shortest path of each source first, up to a bound), admins in red, principals
// that can escalate in orange, those that make themselves admins with a dashed red border,
// one arrow per step labelled with its technique (dashed when it needs MFA).

import dagre from '@dagrejs/dagre';
import type { AnalysisReport } from './analyze.js';
import { escapeHtml } from './html-escape.js';

export interface GraphSvg {
  readonly svg: string;
  readonly nodes: number;
  /** Principals on some path, drawn or not. */
  readonly allNodes: number;
}

const CHAR = 7;
const HEIGHT = 36;

/** `user/alice` or `role/admin` (and the account when there are several). */
export function shortName(arn: string, withAccount: boolean): string {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (m === null) return arn;
  return withAccount ? `${m[1]} ${m[2]}/${m[3]}` : `${m[2]}/${m[3]}`;
}

export function graphSvg(report: AnalysisReport, maxNodes = 120): GraphSvg {
  const admins = new Set(report.admins);
  const sources = new Set(report.escalations.map((p) => p.source));
  const selfEscalating = new Set(report.escalations.flatMap((p) => p.steps.filter((s) => s.selfEscalation).map((s) => s.from)));
  const every = new Set(report.escalations.flatMap((p) => [p.source, ...p.steps.map((s) => s.to)]));
  // Shortest path of each source first, then the rest, while nodes fit.
  const firstOfSource = new Map<string, (typeof report.escalations)[number]>();
  for (const p of report.escalations) if (!firstOfSource.has(p.source)) firstOfSource.set(p.source, p);
  const ordered = [...firstOfSource.values(), ...report.escalations];
  const nodes = new Set<string>();
  const edges = new Map<string, { from: string; to: string; technique: string; needsMfa: boolean }>();
  for (const p of ordered) {
    const onPath = [p.source, ...p.steps.map((s) => s.to)];
    const fresh = onPath.filter((n) => !nodes.has(n));
    if (nodes.size + fresh.length > maxNodes) continue;
    for (const n of fresh) nodes.add(n);
    for (const s of p.steps) if (!s.selfEscalation) edges.set(`${s.from}\n${s.to}`, { from: s.from, to: s.to, technique: s.technique, needsMfa: s.needsMfa });
  }
  const withAccount = report.accounts.length > 1;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n, { width: shortName(n, withAccount).length * CHAR + 24, height: HEIGHT });
  for (const e of edges.values()) g.setEdge(e.from, e.to, { width: e.technique.length * 6, height: 12, labelpos: 'c' });
  dagre.layout(g);
  const size = g.graph();
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" id="graph-svg" role="img" aria-label="escalation graph" width="${Math.ceil(size.width ?? 0)}" height="${Math.ceil(size.height ?? 0)}" viewBox="0 0 ${Math.ceil(size.width ?? 0)} ${Math.ceil(size.height ?? 0)}">`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>');
  for (const e of edges.values()) {
    const label = g.edge(e.from, e.to);
    const points: readonly { x: number; y: number }[] = label.points ?? [];
    const d = points.map((pt, i) => `${i === 0 ? 'M' : 'L'} ${pt.x.toFixed(1)} ${pt.y.toFixed(1)}`).join(' ');
    parts.push(`<g class="edge"><path d="${d}" fill="none" stroke="#555" stroke-width="1.3"${e.needsMfa ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#arrow)"/>`);
    parts.push(`<text x="${(label.x ?? 0).toFixed(1)}" y="${(label.y ?? 0).toFixed(1)}" font-size="10" text-anchor="middle" fill="#333">${escapeHtml(e.needsMfa ? `${e.technique} (MFA)` : e.technique)}</text></g>`);
  }
  for (const n of nodes) {
    const box = g.node(n);
    const kind = admins.has(n) ? 'admin' : sources.has(n) ? 'escalating' : 'other';
    const fill = kind === 'admin' ? '#fde2e1' : kind === 'escalating' ? '#fff1d6' : '#eef1f5';
    const stroke = kind === 'admin' ? '#c62828' : kind === 'escalating' ? '#e08a00' : '#7a8699';
    const self = selfEscalating.has(n) ? ' stroke-dasharray="4 2"' : '';
    const stroke2 = selfEscalating.has(n) ? '#c62828' : stroke;
    parts.push(
      `<g class="node node-${kind}" data-arn="${escapeHtml(n)}"><title>${escapeHtml(n)}${selfEscalating.has(n) ? ' (can make itself an admin)' : ''}</title>` +
        `<rect x="${(box.x - box.width / 2).toFixed(1)}" y="${(box.y - box.height / 2).toFixed(1)}" width="${box.width}" height="${box.height}" rx="${kind === 'admin' ? 12 : 4}" fill="${fill}" stroke="${stroke2}" stroke-width="${kind === 'admin' ? 2.5 : 1.5}"${self}/>` +
        `<text x="${box.x.toFixed(1)}" y="${(box.y + 4).toFixed(1)}" font-size="12" text-anchor="middle">${escapeHtml(shortName(n, withAccount))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return { svg: parts.join(''), nodes: nodes.size, allNodes: every.size };
}
