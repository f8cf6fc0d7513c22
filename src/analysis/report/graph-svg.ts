// The escalation graph as an SVG picture. Small graphs are laid out by dagre, each arrow
// labelled with its technique. Big ones (more than SMALL principals) in three bands, left to
// right: the principals that can escalate, those on the way, the admins; each band a grid
// that wraps into more columns rather than growing tall, sources ordered by where they go so
// their arrows bundle, techniques in each arrow's tooltip. Either way: the principals on
// escalation paths (the shortest path of each source first, up to a bound), admins in red,
// principals that can escalate in orange, those that make themselves admins with a dashed
// red border, arrows dashed when they need MFA. The principals the report names that are on
// no path are drawn too, in a fourth band hidden until the reader asks for them (see
// html.ts, which also zooms and pans the picture).

import dagre from '@dagrejs/dagre';
import type { AnalysisReport } from './analyze.js';
import { escapeHtml } from './html-escape.js';

export interface GraphSvg {
  readonly svg: string;
  readonly nodes: number;
  /** Principals on some path, drawn or not. */
  readonly allNodes: number;
  /** Principals on no path drawn in the hidden band. */
  readonly others: number;
  readonly layout: 'dagre' | 'bands';
}

const CHAR = 7;
const HEIGHT = 36;
/** Up to this many principals, dagre with labelled arrows; more, the banded layout. */
const SMALL = 40;
/** Most principals on no path drawn in the hidden band. */
const MAX_OTHERS = 400;

/** `user/alice` or `role/admin` (and the account when there are several). */
export function shortName(arn: string, withAccount: boolean): string {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (m === null) return arn;
  return withAccount ? `${m[1]} ${m[2]}/${m[3]}` : `${m[2]}/${m[3]}`;
}

interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly technique: string;
  readonly needsMfa: boolean;
}

type Kind = 'admin' | 'escalating' | 'other';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Style {
  readonly admins: ReadonlySet<string>;
  readonly sources: ReadonlySet<string>;
  readonly selfEscalating: ReadonlySet<string>;
  readonly withAccount: boolean;
}

function kindOf(n: string, style: Style): Kind {
  return style.admins.has(n) ? 'admin' : style.sources.has(n) ? 'escalating' : 'other';
}

/** `text` cut to `max` characters, with an ellipsis. */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function nodeSvg(n: string, box: Box, style: Style, fontSize = 12, maxChars = Infinity): string {
  const kind = kindOf(n, style);
  const fill = kind === 'admin' ? '#fde2e1' : kind === 'escalating' ? '#fff1d6' : '#eef1f5';
  const stroke = kind === 'admin' ? '#c62828' : kind === 'escalating' ? '#e08a00' : '#7a8699';
  const selfEscalating = style.selfEscalating.has(n);
  return (
    `<g class="node node-${kind}" data-arn="${escapeHtml(n)}"><title>${escapeHtml(n)}${selfEscalating ? ' (can make itself an admin)' : ''}</title>` +
    `<rect x="${(box.x - box.width / 2).toFixed(1)}" y="${(box.y - box.height / 2).toFixed(1)}" width="${box.width}" height="${box.height}" rx="${kind === 'admin' ? 12 : 4}" fill="${fill}" stroke="${selfEscalating ? '#c62828' : stroke}" stroke-width="${kind === 'admin' ? 2.5 : 1.5}"${selfEscalating ? ' stroke-dasharray="4 2"' : ''}/>` +
    `<text x="${box.x.toFixed(1)}" y="${(box.y + fontSize / 3).toFixed(1)}" font-size="${fontSize}" text-anchor="middle">${escapeHtml(fit(shortName(n, style.withAccount), maxChars))}</text></g>`
  );
}

/** `hidden`: how far the hidden band of principals on no path reaches, shown. */
function svgOpen(width: number, height: number, layout: string, hidden: { right: number; bottom: number }): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" id="graph-svg" role="img" aria-label="escalation graph" data-layout="${layout}" data-full-width="${Math.ceil(Math.max(w, hidden.right))}" data-full-height="${Math.ceil(Math.max(h, hidden.bottom))}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>'
  );
}

function edgeAttributes(e: DrawnEdge): string {
  return `class="edge" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}"`;
}

export function graphSvg(report: AnalysisReport, maxNodes = 120): GraphSvg {
  const sources = new Set(report.escalations.map((p) => p.source));
  const style: Style = {
    admins: new Set(report.admins),
    sources,
    selfEscalating: new Set(report.escalations.flatMap((p) => p.steps.filter((s) => s.selfEscalation).map((s) => s.from))),
    withAccount: report.accounts.length > 1,
  };
  const every = new Set(report.escalations.flatMap((p) => [p.source, ...p.steps.map((s) => s.to)]));
  // Shortest path of each source first, then the rest, while nodes fit.
  const firstOfSource = new Map<string, (typeof report.escalations)[number]>();
  for (const p of report.escalations) if (!firstOfSource.has(p.source)) firstOfSource.set(p.source, p);
  const ordered = [...firstOfSource.values(), ...report.escalations];
  const nodes = new Set<string>();
  const edges = new Map<string, DrawnEdge>();
  for (const p of ordered) {
    const onPath = [p.source, ...p.steps.map((s) => s.to)];
    const fresh = onPath.filter((n) => !nodes.has(n));
    if (nodes.size + fresh.length > maxNodes) continue;
    for (const n of fresh) nodes.add(n);
    for (const s of p.steps) if (!s.selfEscalation) edges.set(`${s.from}\n${s.to}`, { from: s.from, to: s.to, technique: s.technique, needsMfa: s.needsMfa });
  }
  // Principals the report names that are on no path: the hidden band.
  const named = new Set<string>();
  for (const e of report.edges) named.add(e.from).add(e.to);
  for (const f of report.findings) if (f.principal !== undefined) named.add(f.principal);
  for (const a of report.admins) named.add(a);
  const others = [...named].filter((n) => !every.has(n)).sort().slice(0, MAX_OTHERS);

  const drawn = nodes.size <= SMALL ? dagreSvg(nodes, edges, others, style) : bandsSvg(nodes, edges, others, style, firstOfSource);
  return { svg: drawn.svg, nodes: nodes.size, allNodes: every.size, others: others.length, layout: drawn.layout };
}

function dagreSvg(nodes: ReadonlySet<string>, edges: ReadonlyMap<string, DrawnEdge>, others: readonly string[], style: Style): { svg: string; layout: 'dagre' } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n, { width: shortName(n, style.withAccount).length * CHAR + 24, height: HEIGHT });
  for (const e of edges.values()) g.setEdge(e.from, e.to, { width: e.technique.length * 6, height: 12, labelpos: 'c' });
  dagre.layout(g);
  const size = g.graph();
  const width = size.width ?? 0;
  const height = Math.max(size.height ?? 0, TITLE + 6 * ROW + 10);
  const hidden = othersBand(others, width + BAND_GAP / 2, Math.floor((height - TITLE - 10) / ROW), style);
  const parts: string[] = [svgOpen(width, height, 'dagre', hidden)];
  for (const e of edges.values()) {
    const label = g.edge(e.from, e.to);
    const points: readonly { x: number; y: number }[] = label.points ?? [];
    const d = points.map((pt, i) => `${i === 0 ? 'M' : 'L'} ${pt.x.toFixed(1)} ${pt.y.toFixed(1)}`).join(' ');
    parts.push(`<g ${edgeAttributes(e)}><path d="${d}" fill="none" stroke="#555" stroke-width="1.3"${e.needsMfa ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#arrow)"/>`);
    parts.push(`<text x="${(label.x ?? 0).toFixed(1)}" y="${(label.y ?? 0).toFixed(1)}" font-size="10" text-anchor="middle" fill="#333">${escapeHtml(e.needsMfa ? `${e.technique} (MFA)` : e.technique)}</text></g>`);
  }
  for (const n of nodes) parts.push(nodeSvg(n, g.node(n) as Box, style));
  parts.push(hidden.svg, '</svg>');
  return { svg: parts.join(''), layout: 'dagre' };
}

const BAND_GAP = 110;
const COLUMN_GAP = 14;
const ROW = 30;
const BOX_HEIGHT = 22;
const SMALL_CHAR = 6.2;
const TITLE = 28;

interface Band {
  readonly id: string;
  readonly title: string;
  readonly members: readonly string[];
  readonly hidden: boolean;
}

/** One band as a grid of `rows` rows from `x`; the boxes are recorded in `boxes`. */
function bandSvg(band: Band, x: number, rows: number, style: Style, boxes: Map<string, Box>): { svg: string; right: number } {
  const width = Math.min(260, Math.max(...band.members.map((n) => shortName(n, style.withAccount).length)) * SMALL_CHAR + 16);
  const columns = Math.ceil(band.members.length / rows);
  band.members.forEach((n, i) => {
    const column = Math.floor(i / rows);
    boxes.set(n, { x: x + column * (width + COLUMN_GAP) + width / 2, y: TITLE + (i % rows) * ROW + BOX_HEIGHT / 2 + 4, width, height: BOX_HEIGHT });
  });
  const svg =
    `<g class="band band-${band.id}"${band.hidden ? ' id="graph-others" style="display:none"' : ''}>` +
    `<text x="${x}" y="16" font-size="13" font-weight="600" fill="#3a4654">${escapeHtml(`${band.title} (${band.members.length})`)}</text>` +
    band.members.map((n) => nodeSvg(n, boxes.get(n)!, style, 11, Math.floor((width - 10) / SMALL_CHAR))).join('') +
    '</g>';
  return { svg, right: x + columns * (width + COLUMN_GAP) - COLUMN_GAP + 10 };
}

function othersBand(others: readonly string[], x: number, rows: number, style: Style): { svg: string; right: number; bottom: number } {
  if (others.length === 0) return { svg: '', right: 0, bottom: 0 };
  const r = Math.max(rows, Math.ceil(Math.sqrt(others.length / 3)));
  return { ...bandSvg({ id: 'others', title: 'on no path', members: others, hidden: true }, x, r, style, new Map()), bottom: TITLE + r * ROW + 10 };
}

/** The banded layout: every band a grid of the same number of rows, so the picture grows wide. */
function bandsSvg(
  nodes: ReadonlySet<string>,
  edges: ReadonlyMap<string, DrawnEdge>,
  others: readonly string[],
  style: Style,
  firstOfSource: ReadonlyMap<string, { readonly steps: readonly { readonly to: string }[] }>,
): { svg: string; layout: 'bands' } {
  const admins = [...nodes].filter((n) => style.admins.has(n)).sort();
  const middle = [...nodes].filter((n) => !style.admins.has(n) && !style.sources.has(n)).sort();
  const rank = new Map<string, number>([...middle, ...admins].map((n, i) => [n, i]));
  // Sources by where their shortest path goes first, so arrows to the same principal bundle.
  const escalating = [...nodes]
    .filter((n) => !style.admins.has(n) && style.sources.has(n))
    .sort((a, b) => (rank.get(firstOfSource.get(a)?.steps[0]?.to ?? '') ?? -1) - (rank.get(firstOfSource.get(b)?.steps[0]?.to ?? '') ?? -1) || (a < b ? -1 : 1));
  const bands: Band[] = [
    { id: 'escalating', title: 'can escalate', members: escalating, hidden: false },
    { id: 'middle', title: 'on the way', members: middle, hidden: false },
    { id: 'admins', title: 'admins', members: admins, hidden: false },
  ];
  // Rows: enough that the picture is about twice as wide as tall (columns as wide as the widest name).
  const column = Math.min(260, Math.max(...[...nodes].map((n) => shortName(n, style.withAccount).length)) * SMALL_CHAR + 16) + COLUMN_GAP;
  const rows = Math.max(6, Math.min(40, Math.ceil(Math.sqrt((nodes.size * column) / (2 * ROW)))));
  const boxes = new Map<string, Box>();
  const bandParts: string[] = [];
  let x = 10;
  for (const band of bands) {
    if (band.members.length === 0) continue;
    const drawn = bandSvg(band, x, rows, style, boxes);
    bandParts.push(drawn.svg);
    x = drawn.right - 10 + BAND_GAP;
  }
  const visibleWidth = x - BAND_GAP + 10;
  const hidden = othersBand(others, x - BAND_GAP / 2, rows, style);
  bandParts.push(hidden.svg);
  const height = TITLE + rows * ROW + 10;
  const edgeParts: string[] = [];
  for (const e of edges.values()) {
    const a = boxes.get(e.from)!;
    const b = boxes.get(e.to)!;
    const forward = b.x - b.width / 2 > a.x + a.width / 2;
    const x1 = forward ? a.x + a.width / 2 : a.x - a.width / 2;
    const x2 = forward ? b.x - b.width / 2 : b.x + b.width / 2;
    const bend = forward ? Math.max(30, (x2 - x1) / 2) : -40;
    const d = `M ${x1.toFixed(1)} ${a.y.toFixed(1)} C ${(x1 + bend).toFixed(1)} ${a.y.toFixed(1)}, ${(x2 - bend).toFixed(1)} ${b.y.toFixed(1)}, ${x2.toFixed(1)} ${b.y.toFixed(1)}`;
    edgeParts.push(
      `<g ${edgeAttributes(e)}><title>${escapeHtml(`${shortName(e.from, style.withAccount)} → ${shortName(e.to, style.withAccount)}: ${e.technique}${e.needsMfa ? ' (needs MFA)' : ''}`)}</title>` +
        `<path d="${d}" fill="none" stroke="#556" stroke-opacity="0.55" stroke-width="1.1"${e.needsMfa ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#arrow)"/></g>`,
    );
  }
  const svg = [svgOpen(Math.max(visibleWidth, 300), height, 'bands', hidden), `<g class="edges">${edgeParts.join('')}</g>`, ...bandParts, '</svg>'].join('');
  return { svg, layout: 'bands' };
}
