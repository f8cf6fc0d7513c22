import { readFileSync, writeFileSync } from 'node:fs';
import { runKeyward } from './run-keyward.js';
import { runIamSimulate } from './run-iam-simulate.js';
type S = any;
async function differs(s: S): Promise<string | null> {
  try { const k = runKeyward(s).decision; const p = (await runIamSimulate(s)).verdict; return k !== p ? `${k}/${p}` : null; } catch { return null; }
}
function* candidates(s: S): Generator<S> {
  const c = () => structuredClone(s);
  for (const f of ['boundary', 'session', 'resourcePolicy']) if (s[f]) { const x = c(); delete x[f]; yield x; }
  for (let i = 0; i < s.identity.length; i++) { const x = c(); x.identity.splice(i, 1); yield x; }
  for (const k of Object.keys(s.context)) { const x = c(); delete x.context[k]; yield x; }
  const pols: [string, number | null][] = [...s.identity.map((_: unknown, i: number) => ['identity', i]), ['boundary', null], ['session', null], ['resourcePolicy', null]];
  for (const [f, i] of pols) {
    const get = (x: S) => (i === null ? x[f] : x[f][i]);
    const pol = get(s); if (!pol) continue;
    for (let j = 0; j < pol.Statement.length; j++) {
      if (pol.Statement.length > 1) { const x = c(); get(x).Statement.splice(j, 1); yield x; }
      const st = pol.Statement[j];
      if (st.Condition) {
        { const x = c(); delete get(x).Statement[j].Condition; yield x; }
        for (const op of Object.keys(st.Condition)) {
          if (Object.keys(st.Condition).length > 1) { const x = c(); delete get(x).Statement[j].Condition[op]; yield x; }
          for (const key of Object.keys(st.Condition[op])) {
            if (Object.keys(st.Condition[op]).length > 1) { const x = c(); delete get(x).Statement[j].Condition[op][key]; yield x; }
            const v = st.Condition[op][key];
            if (Array.isArray(v)) for (let m = 0; m < v.length; m++) { const x = c(); get(x).Statement[j].Condition[op][key] = v.length > 1 ? v.filter((_: unknown, n: number) => n !== m) : v[0]; yield x; }
          }
        }
      }
      for (const el of ['Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal']) {
        const v = st[el];
        if (Array.isArray(v)) for (let m = 0; m < v.length; m++) { const x = c(); get(x).Statement[j][el] = v.length > 1 ? v.filter((_: unknown, n: number) => n !== m) : v[0]; yield x; }
        if (v && typeof v === 'object' && !Array.isArray(v)) for (const pk of Object.keys(v)) { const pv = v[pk]; if (Array.isArray(pv)) for (let m = 0; m < pv.length; m++) { const x = c(); get(x).Statement[j][el][pk] = pv.length > 1 ? pv.filter((_: unknown, n: number) => n !== m) : pv[0]; yield x; } }
      }
      const ctx = s.context;
      for (const k of Object.keys(ctx)) if (Array.isArray(ctx[k]) && ctx[k].length > 0) for (let m = 0; m < ctx[k].length; m++) { const x = c(); x.context[k] = ctx[k].filter((_: unknown, n: number) => n !== m); yield x; }
    }
  }
}
export async function minimize(s: S): Promise<S> {
  const target = await differs(s);
  if (target === null) return s;
  let cur = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const cand of candidates(cur)) { if ((await differs(cand)) === target) { cur = cand; changed = true; break; } }
  }
  return cur;
}
const dis = JSON.parse(readFileSync('/tmp/dw/dis.json', 'utf8'));
const out = [];
for (const d of dis.slice(0, Number(process.argv[2] ?? 1000))) { const m = await minimize(d.s); out.push({ k: d.k, p: d.p, s: m }); }
writeFileSync('/tmp/dw/min.json', JSON.stringify(out, null, 1));
for (const o of out) console.log(o.k, o.p, JSON.stringify(o.s));
