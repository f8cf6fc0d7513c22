// The IAM credential report as rows keyed by column name: generated and read through the
// API as the signed-in principal, parsed from AWS's CSV.
import type { CallAs } from './call-as.js';

export type ReportRow = Readonly<Record<string, string>>;

/** AWS's CSV: a header line, then one line per user (no quoted commas in practice; quotes handled). */
export function parseCredentialReport(csv: string): ReportRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l !== '');
  const split = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          field += '"';
          i += 1;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        out.push(field);
        field = '';
      } else field += c;
    }
    out.push(field);
    return out;
  };
  const [header, ...rows] = lines.map(split);
  if (header === undefined) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function contentText(content: unknown): string {
  if (content instanceof Uint8Array) return Buffer.from(content).toString('utf8');
  if (typeof content === 'string') return Buffer.from(content, 'base64').toString('utf8');
  return '';
}

export async function readCredentialReport(callAs: CallAs, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<ReportRow[]> {
  for (let i = 0; i < 40; i += 1) {
    const state = await callAs('iam', 'GenerateCredentialReport', {});
    if (state.State === 'COMPLETE') break;
    await wait(100);
  }
  const out = await callAs('iam', 'GetCredentialReport', {});
  return parseCredentialReport(contentText(out.Content));
}
