// The escalation graph: the server reads the account (GetAccountAuthorizationDetails as the
// signed-in principal) and runs the analysis; the page shows the graph it drew, the admins and
// every escalation path.
import type { JSX } from 'preact';
import { postJson } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useLoad } from '../components/use-load.js';
import { Loading, PageHeader } from '../components/ui.js';

export interface AnalysisView {
  readonly admins: readonly string[];
  readonly paths: readonly { source: string; target: string; steps: readonly { from: string; to: string; technique: string; actions: readonly string[]; needsMfa: boolean }[] }[];
  readonly principals: { readonly users: number; readonly roles: number };
  /** The graph as SVG, drawn by the analysis' own layout (escaped there). */
  readonly svg: string;
  readonly drawnNodes: number;
  readonly allNodes: number;
  readonly findings: readonly { rule: string; severity: string; message: string }[];
}

export function EscalationPage(): JSX.Element {
  const data = useLoad(() => postJson<AnalysisView>('/console/api/insights/analysis', {}), []);
  const a = data.data;
  return (
    <>
      <PageHeader title="Escalation graph" />
      <p class="muted">Who can become an admin, and how: the account as your permissions let you read it, analysed by Keyward's escalation engine.</p>
      <ErrorBox error={data.error} />
      {data.loading ? <Loading what="analysis" /> : null}
      {a !== undefined ? (
        <>
          <section class="card" aria-label="Summary">
            <dl class="facts">
              <dt>Principals</dt>
              <dd>
                {a.principals.users} users, {a.principals.roles} roles
              </dd>
              <dt>Admins</dt>
              <dd id="count-admins">{a.admins.length}</dd>
              <dt>Escalation paths</dt>
              <dd id="count-paths">{a.paths.length}</dd>
            </dl>
          </section>
          <section class="card graph" aria-labelledby="graph-heading">
            <h2 id="graph-heading">Graph</h2>
            {a.svg === '' || a.allNodes === 0 ? (
              <p>No escalation paths: no principal can become an admin it is not already.</p>
            ) : (
              <>
                {a.drawnNodes < a.allNodes ? <p class="muted">Showing {a.drawnNodes} of {a.allNodes} principals on paths.</p> : null}
                <div class="graph-box" dangerouslySetInnerHTML={{ __html: a.svg }} />
              </>
            )}
          </section>
          <section aria-labelledby="admins-heading">
            <h2 id="admins-heading">Admins</h2>
            <ul class="admins">
              {a.admins.map((arn) => (
                <li class="arn">{arn}</li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="paths-heading">
            <h2 id="paths-heading">Escalation paths</h2>
            <table class="list paths">
              <caption class="visually-hidden">Escalation paths</caption>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">Steps</th>
                  <th scope="col">To admin</th>
                </tr>
              </thead>
              <tbody>
                {a.paths.slice(0, 500).map((p) => (
                  <tr class="path">
                    <td class="arn">{p.source}</td>
                    <td>
                      <ol class="steps">
                        {p.steps.map((s) => (
                          <li>
                            {s.technique} ({s.actions.join(', ')}){s.needsMfa ? ' with MFA' : ''} → <span class="arn">{s.to}</span>
                          </li>
                        ))}
                      </ol>
                    </td>
                    <td class="arn">{p.target}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </>
  );
}
