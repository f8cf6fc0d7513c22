// The credential report: GenerateCredentialReport (polled until complete), GetCredentialReport,
// the CSV shown as a table and offered as a download.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useAction } from '../components/use-load.js';
import { PageHeader } from '../components/ui.js';

/** RFC 4180 enough for the report: quoted fields, doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

function decodeBase64(b64: string): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function CredentialReportPage(): JSX.Element {
  const [csv, setCsv] = useState<string | undefined>(undefined);
  const [generated, setGenerated] = useState<string | undefined>(undefined);
  const action = useAction();
  const generate = (): Promise<boolean> =>
    action.run(async () => {
      for (let i = 0; i < 60; i += 1) {
        const g = await callApi<{ State: string }>('iam', 'GenerateCredentialReport');
        if (g.State === 'COMPLETE') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const out = await callApi<{ Content: string; GeneratedTime?: string }>('iam', 'GetCredentialReport');
      setCsv(decodeBase64(out.Content));
      setGenerated(out.GeneratedTime);
    });
  const rows = csv === undefined ? [] : parseCsv(csv);
  const [header, ...body] = rows;
  const show = ['user', 'arn', 'password_enabled', 'password_last_used', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_2_active'];
  const idx = header === undefined ? [] : show.map((h) => header.indexOf(h)).filter((i) => i >= 0);
  return (
    <>
      <PageHeader title="Credential report" />
      <p>The status of every user's credentials in the account: passwords, access keys and MFA devices.</p>
      <div class="buttons">
        <button type="button" class="primary" onClick={() => void generate()} disabled={action.busy}>
          {action.busy ? 'Generating…' : 'Generate and show report'}
        </button>
        {csv !== undefined ? (
          <a class="button download-report" download="credential-report.csv" href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}>
            Download report (CSV)
          </a>
        ) : null}
      </div>
      <ErrorBox error={action.error} />
      {header !== undefined ? (
        <table class="list credential-report">
          <caption>Credential report generated {generated ?? ''}</caption>
          <thead>
            <tr>
              {idx.map((i) => (
                <th scope="col">{header[i]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((r) => (
              <tr>
                {idx.map((i) => (
                  <td>{r[i]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
