// The dashboard: the security recommendations the server computes from calls made as the
// signed-in principal, the account's resource counts and its alias.
import type { JSX } from 'preact';
import { getJson, postJson } from '../api.js';
import type { AnalysisView } from './escalation.js';
import { ErrorBox } from '../components/error-box.js';
import { useLoad } from '../components/use-load.js';
import { Loading, PageHeader } from '../components/ui.js';
import { Link } from '../router.js';
import { usePrincipal } from '../session.js';

export interface Recommendation {
  readonly id: string;
  readonly title: string;
  /** ok: nothing to do; warning: act; hidden: the principal may not read what it needs. */
  readonly status: 'ok' | 'warning' | 'hidden';
  readonly detail: string;
  readonly link?: string;
}

export interface Recommendations {
  readonly recommendations: readonly Recommendation[];
  readonly summary?: Record<string, number>;
  readonly accountAlias?: string;
}

const COUNTS: readonly [string, string, string][] = [
  ['Users', 'Users', '/console/users'],
  ['Groups', 'User groups', '/console/groups'],
  ['Roles', 'Roles', '/console/roles'],
  ['Policies', 'Customer managed policies', '/console/policies'],
  ['Providers', 'Identity providers', '/console/identity-providers'],
];

export function DashboardPage(): JSX.Element {
  const principal = usePrincipal();
  const data = useLoad(() => getJson<Recommendations>('/console/api/insights/recommendations'), []);
  const order = { warning: 0, hidden: 1, ok: 2 };
  return (
    <>
      <PageHeader title="IAM dashboard" />
      <section aria-labelledby="account-heading" class="card">
        <h2 id="account-heading">AWS account</h2>
        <dl class="facts">
          <dt>Account ID</dt>
          <dd>{principal?.accountId}</dd>
          <dt>Account alias</dt>
          <dd class="dashboard-alias">{data.data?.accountAlias ?? principal?.accountAlias ?? 'None'}</dd>
        </dl>
        <p>
          <Link href="/console/account">Edit the alias and the password policy</Link>
        </p>
      </section>
      <ErrorBox error={data.error} />
      {data.loading && data.data === undefined ? <Loading what="recommendations" /> : null}
      {data.data !== undefined ? (
        <>
          <section aria-labelledby="recs-heading" class="card">
            <h2 id="recs-heading">Security recommendations</h2>
            <ul class="recommendations">
              {[...data.data.recommendations]
                .sort((a, b) => order[a.status] - order[b.status])
                .map((r) => (
                  <li class={`rec rec-${r.status}`} data-id={r.id}>
                    <span class="rec-status">{r.status === 'ok' ? 'OK' : r.status === 'warning' ? 'Action needed' : 'Not visible'}</span>{' '}
                    <strong>{r.title}</strong>
                    <p>{r.detail}</p>
                    {r.link !== undefined ? <Link href={r.link}>Review</Link> : null}
                  </li>
                ))}
            </ul>
          </section>
          <EscalationSummary />
          {data.data.summary !== undefined ? (
            <section aria-labelledby="resources-heading" class="card">
              <h2 id="resources-heading">IAM resources</h2>
              <ul class="counts">
                {COUNTS.map(([key, label, href]) => (
                  <li>
                    <Link href={href}>
                      <span class="count" data-count={key}>
                        {data.data!.summary![key] ?? 0}
                      </span>{' '}
                      {label}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** Admins and escalation paths, from the escalation analysis (loaded after the rest). */
function EscalationSummary(): JSX.Element {
  const analysis = useLoad(() => postJson<AnalysisView>('/console/api/insights/analysis', {}), []);
  const a = analysis.data;
  return (
    <section aria-labelledby="escalation-heading" class="card">
      <h2 id="escalation-heading">Admins and escalation paths</h2>
      {analysis.loading ? <Loading what="the escalation analysis" /> : null}
      <ErrorBox error={analysis.error} />
      {a !== undefined ? (
        <p class={a.paths.length > 0 ? 'rec rec-warning' : 'rec rec-ok'}>
          <span class="dashboard-admins">{a.admins.length}</span> admin(s); <span class="dashboard-paths">{a.paths.length}</span> escalation path(s) from{' '}
          {new Set(a.paths.map((p) => p.source)).size} principal(s). <Link href="/console/escalation">See the escalation graph</Link>
        </p>
      ) : null}
    </section>
  );
}
