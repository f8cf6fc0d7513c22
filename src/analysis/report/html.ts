// The report as one self-contained HTML file (no network: styles, the graph as inline SVG
// and a few lines of script are in the page): summary, risk table per principal, the
// escalation graph, every path, findings per principal, policy and resource with the
// statements involved and remediation, and warnings.

import type { AnalysisReport } from './analyze.js';
import { SEVERITIES, type Finding, type Severity } from './finding.js';
import { graphSvg, shortName } from './graph-svg.js';
import { escapeHtml as h } from './html-escape.js';

export interface HtmlOptions {
  /** When the report was made, shown in the header. */
  readonly generatedAt?: Date;
  /** Most paths listed (default 2,000); the JSON has them all. */
  readonly maxPaths?: number;
  /** Most principals drawn in the graph (default 120). */
  readonly maxGraphNodes?: number;
}

const WORST_FIRST = [...SEVERITIES].reverse();

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1d232b;background:#fafbfc}
header{background:#1d2b3a;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c9d3de;font-size:13px}
main{padding:16px 24px;max-width:1400px}section{margin:24px 0}h2{font-size:17px;border-bottom:1px solid #d7dde4;padding-bottom:4px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #d7dde4;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}.card>span{font-size:12px;color:#5a6675}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}th,td{border:1px solid #e1e6eb;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f0f3f6}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}pre{background:#f6f8fa;padding:6px;overflow:auto;margin:4px 0}
.sev{display:inline-block;padding:1px 6px;border-radius:8px;font-size:11px;font-weight:600;color:#fff}
.sev-critical{background:#8e0000}.sev-high{background:#d32f2f}.sev-medium{background:#ef8f00}.sev-low{background:#2e7d9a}.sev-info{background:#78909c}
.graph{overflow:hidden;background:#fff;border:1px solid #d7dde4;padding:8px}.graph svg{max-width:100%;height:auto;max-height:85vh;cursor:grab;touch-action:none}
.graph svg.focus g.edge{opacity:.12}.graph svg.focus g.edge.hot{opacity:1}.graph svg.focus g.edge.hot path{stroke:#c62828;stroke-opacity:1;stroke-width:2}
.graph-controls{display:flex;gap:8px;align-items:center;margin:6px 0;font-size:13px}.graph-controls button{padding:2px 10px}.legend span{margin-right:14px;font-size:12px}
.muted{color:#5a6675;font-size:12px}input[type=search]{padding:4px 8px;width:320px}`;

const SCRIPT = `
(function () {
  var svg = document.getElementById('graph-svg');
  if (!svg) return;
  var box = svg.viewBox.baseVal;
  var base = { w: box.width, h: box.height };
  var fit = base;
  function view(x, y, w, h) { svg.setAttribute('viewBox', x + ' ' + y + ' ' + w + ' ' + h); }
  function zoom(f, cx, cy) {
    var v = svg.viewBox.baseVal;
    if (cx === undefined) { cx = v.x + v.width / 2; cy = v.y + v.height / 2; }
    view(cx - (cx - v.x) * f, cy - (cy - v.y) * f, v.width * f, v.height * f);
  }
  function reset() { view(0, 0, fit.w, fit.h); }
  document.getElementById('graph-zoom-in').addEventListener('click', function () { zoom(0.8); });
  document.getElementById('graph-zoom-out').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('graph-fit').addEventListener('click', reset);
  svg.addEventListener('wheel', function (e) {
    e.preventDefault();
    var v = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, v.x + (e.clientX - r.left) / r.width * v.width, v.y + (e.clientY - r.top) / r.height * v.height);
  }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (e) { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  window.addEventListener('pointerup', function () { setTimeout(function () { drag = null; }, 0); });
  svg.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var v = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
    var dx = (e.clientX - drag.x) / r.width * v.width, dy = (e.clientY - drag.y) / r.height * v.height;
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 2) drag.moved = true;
    drag.x = e.clientX; drag.y = e.clientY;
    view(v.x - dx, v.y - dy, v.width, v.height);
  });
  // A click on a principal shows only its arrows; a click elsewhere shows them all again.
  svg.addEventListener('click', function (e) {
    if (drag && drag.moved) return;
    var node = e.target.closest ? e.target.closest('g.node') : null;
    var edges = svg.querySelectorAll('g.edge');
    for (var i = 0; i < edges.length; i++) edges[i].classList.remove('hot');
    if (!node) { svg.classList.remove('focus'); return; }
    var arn = node.getAttribute('data-arn');
    for (var j = 0; j < edges.length; j++) if (edges[j].getAttribute('data-from') === arn || edges[j].getAttribute('data-to') === arn) edges[j].classList.add('hot');
    svg.classList.add('focus');
  });
  var all = document.getElementById('graph-show-all');
  if (all) all.addEventListener('change', function () {
    var others = document.getElementById('graph-others');
    if (others) others.style.display = all.checked ? '' : 'none';
    fit = all.checked ? { w: Number(svg.getAttribute('data-full-width')), h: Number(svg.getAttribute('data-full-height')) } : base;
    svg.setAttribute('width', String(fit.w));
    svg.setAttribute('height', String(fit.h));
    reset();
  });
})();
document.getElementById('finding-filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  var rows = document.querySelectorAll('#findings tbody tr');
  for (var i = 0; i < rows.length; i++) rows[i].hidden = q !== '' && rows[i].textContent.toLowerCase().indexOf(q) < 0;
});`;

function sev(s: Severity): string {
  return `<span class="sev sev-${s}">${s}</span>`;
}

function subjectOf(f: Finding): string {
  if (f.principal !== undefined) return f.principal;
  if (f.resource !== undefined) return f.resource;
  return `policy ${f.policy ?? ''}`;
}

function worst(list: readonly Finding[]): Severity | undefined {
  return WORST_FIRST.find((s) => list.some((f) => f.severity === s));
}

function findingRow(f: Finding): string {
  const details = f.statements !== undefined && f.statements.length > 0
    ? `<details><summary>${f.statements.length} statement(s)</summary>${f.statements.map((s) => `<div class="muted">${h(s.policy)} · ${h(s.statement)}</div><pre>${h(JSON.stringify(s.json, null, 2))}</pre>`).join('')}</details>`
    : '';
  const actions = f.actions !== undefined && f.actions.length > 5 ? `<details><summary>${f.actions.length} actions</summary><code>${h(f.actions.join(', '))}</code></details>` : '';
  return `<tr class="finding sev-row-${f.severity}"><td>${sev(f.severity)}</td><td><code>${h(f.rule)}</code></td><td><code>${h(subjectOf(f))}</code></td><td>${h(f.message)}${actions}${details}</td><td>${h(f.remediation)}</td></tr>`;
}

/** The page's pieces, in order; joined by newlines they are the page. */
function* pieces(report: AnalysisReport, options: HtmlOptions): Generator<string, void, undefined> {
  const maxPaths = options.maxPaths ?? 2000;
  const graph = graphSvg(report, options.maxGraphNodes ?? 120);
  const sources = [...new Set(report.escalations.map((p) => p.source))];
  const bySeverity = new Map(SEVERITIES.map((s) => [s, report.findings.filter((f) => f.severity === s).length]));
  const findings = [...report.findings].sort((a, b) => WORST_FIRST.indexOf(a.severity) - WORST_FIRST.indexOf(b.severity));
  const admins = new Set(report.admins);
  const pathsBySource = new Map<string, number>();
  for (const p of report.escalations) pathsBySource.set(p.source, (pathsBySource.get(p.source) ?? 0) + 1);
  const findingsByPrincipal = new Map<string, Finding[]>();
  for (const f of report.findings) if (f.principal !== undefined) (findingsByPrincipal.get(f.principal) ?? findingsByPrincipal.set(f.principal, []).get(f.principal)!).push(f);

  // Risk table: principals with something to say, worst first.
  const risky = [...new Set([...report.admins, ...sources, ...findingsByPrincipal.keys()])].map((arn) => {
    const list = findingsByPrincipal.get(arn) ?? [];
    return { arn, list, worst: worst(list), paths: pathsBySource.get(arn) ?? 0 };
  });
  risky.sort((a, b) => WORST_FIRST.indexOf(a.worst ?? 'info') - WORST_FIRST.indexOf(b.worst ?? 'info') || b.paths - a.paths || (a.arn < b.arn ? -1 : 1));

  const shortest = new Map<string, (typeof report.escalations)[number]>();
  for (const p of report.escalations) if (!shortest.has(p.source)) shortest.set(p.source, p);
  const withAccount = report.accounts.length > 1;
  yield '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">';
  yield '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">';
  yield `<title>Keyward analysis: ${h(report.accounts.join(', '))}</title><style>${CSS}</style></head><body>`;
  yield `<header><h1>Keyward security analysis</h1><p>accounts ${h(report.accounts.join(', '))} · ${report.principals.users} users, ${report.principals.roles} roles${options.generatedAt === undefined ? '' : ` · ${h(options.generatedAt.toISOString())}`}</p></header><main>`;

  yield '<section id="summary"><h2>Summary</h2><div class="cards">';
  yield `<div class="card"><b id="count-admins">${report.admins.length}</b><span>admins</span></div>`;
  yield `<div class="card"><b id="count-escalating">${sources.length}</b><span>principals that can become admin</span></div>`;
  yield `<div class="card"><b id="count-paths">${report.escalations.length}</b><span>escalation paths</span></div>`;
  for (const s of WORST_FIRST) yield `<div class="card"><b>${bySeverity.get(s) ?? 0}</b><span>${sev(s)} findings</span></div>`;
  yield '</div></section>';

  yield '<section id="risks"><h2>Risk by principal</h2><table><thead><tr><th>principal</th><th>admin</th><th>escalation</th><th>worst finding</th><th>findings</th></tr></thead><tbody>';
  for (const r of risky) {
    const first = shortest.get(r.arn);
    const esc = first === undefined ? '' : `${r.paths} path(s); shortest: ${first.steps.map((s) => h(s.technique)).join(' → ')}`;
    yield `<tr><td><code>${h(r.arn)}</code></td><td>${admins.has(r.arn) ? 'yes' : ''}</td><td>${esc}</td><td>${r.worst === undefined ? '' : sev(r.worst)}</td><td>${h([...new Set(r.list.map((f) => f.rule))].join(', '))}</td></tr>`;
  }
  yield '</tbody></table></section>';

  yield '<section id="graph"><h2>Escalation graph</h2>';
  yield '<p class="legend"><span>▭ <b style="color:#c62828">admin</b></span><span>▭ <b style="color:#e08a00">can escalate</b></span><span>dashed red border: makes itself an admin</span><span>dashed arrow: needs MFA</span></p>';
  if (graph.nodes === 0) yield '<p class="muted">No escalation paths.</p>';
  else {
    yield (
      '<div class="graph-controls"><button type="button" id="graph-zoom-in" aria-label="zoom in">+</button><button type="button" id="graph-zoom-out" aria-label="zoom out">−</button><button type="button" id="graph-fit">fit</button>' +
        (graph.others > 0 ? `<label><input type="checkbox" id="graph-show-all"> also show the ${graph.others} principal(s) on no path</label>` : '') +
        '<span class="muted">wheel to zoom, drag to pan, click a principal to see only its arrows</span></div>'
    );
    yield `<div class="graph">${graph.svg}</div>`;
  }
  if (graph.nodes < graph.allNodes) yield `<p class="muted">${graph.nodes} of the ${graph.allNodes} principals on some path are drawn (the shortest path of each source first); the DOT and JSON outputs have them all.</p>`;
  yield '</section>';

  yield `<section id="admins"><h2>Admins (${report.admins.length})</h2><ul>`;
  for (const a of report.adminDetails) yield `<li><code>${h(a.arn)}</code>${a.needsMfa ? ' (needs MFA)' : ''}</li>`;
  yield '</ul></section>';

  yield `<section id="paths"><h2>Escalation paths (${report.escalations.length})</h2><table><thead><tr><th>from</th><th>to</th><th>steps</th></tr></thead><tbody>`;
  for (const p of report.escalations.slice(0, maxPaths)) {
    const steps = p.steps
      .map((s) => `<div>${h(shortName(s.from, withAccount))} → ${s.selfEscalation ? 'itself an admin' : h(shortName(s.to, withAccount))} by <code>${h(s.technique)}</code> (${h(s.actions.join(', '))})${s.needsMfa ? ' <b>needs MFA</b>' : ''}${s.conditions.length > 0 ? ` if ${h(s.conditions.map((c) => `${c.operator} ${c.key}=${c.values.join('|')}`).join(', '))}` : ''}${s.assumes === undefined ? '' : ` <span class="muted">(assumes ${h(s.assumes)})</span>`}</div>`)
      .join('');
    yield `<tr class="path"><td><code>${h(p.source)}</code></td><td><code>${h(p.target)}</code></td><td>${steps}</td></tr>`;
  }
  yield '</tbody></table>';
  if (report.escalations.length > maxPaths) yield `<p class="muted">The first ${maxPaths} of ${report.escalations.length} paths (shortest first); analysis.json has them all.</p>`;
  if (report.truncated.length > 0) yield `<p class="muted">The search hit a bound for ${report.truncated.length} principal(s): more paths may exist.</p>`;
  yield '</section>';

  yield `<section id="findings-section"><h2>Findings (${findings.length})</h2><p><input type="search" id="finding-filter" placeholder="filter findings (rule, principal, action...)" aria-label="filter findings"></p>`;
  yield '<table id="findings"><thead><tr><th>severity</th><th>rule</th><th>principal, policy or resource</th><th>finding</th><th>remediation</th></tr></thead><tbody>';
  for (const f of findings) yield findingRow(f);
  yield '</tbody></table></section>';

  if (report.warnings.length > 0) yield `<section id="warnings"><h2>Warnings</h2><ul>${report.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul></section>`;
  yield `</main><script>${SCRIPT}</script></body></html>\n`;
}

/**
 * The page in chunks of about 64 KiB (a large account's page is longer than a string may be),
 * for writing to a file; concatenated they are reportToHtml's result.
 */
export function* htmlChunks(report: AnalysisReport, options: HtmlOptions = {}): Generator<string, void, undefined> {
  let buffer = '';
  let first = true;
  for (const piece of pieces(report, options)) {
    buffer += first ? piece : `\n${piece}`;
    first = false;
    if (buffer.length >= 65536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

export function reportToHtml(report: AnalysisReport, options: HtmlOptions = {}): string {
  return [...htmlChunks(report, options)].join('');
}
