// Access advisor: GenerateServiceLastAccessedDetails for an identity, then its report (polled
// until the job completes): each service the identity's policies allow, and when it was last used.
import type { JSX } from 'preact';
import { callApi } from '../api.js';
import { ErrorBox } from './error-box.js';
import { useLoad } from './use-load.js';
import { formatDate, Loading } from './ui.js';

interface ServiceAccess {
  readonly ServiceName: string;
  readonly ServiceNamespace: string;
  readonly LastAuthenticated?: string;
  readonly LastAuthenticatedEntity?: string;
  readonly TotalAuthenticatedEntities?: number;
}

async function report(arn: string): Promise<ServiceAccess[]> {
  const { JobId } = await callApi<{ JobId: string }>('iam', 'GenerateServiceLastAccessedDetails', { Arn: arn });
  for (let i = 0; i < 50; i += 1) {
    const out = await callApi<{ JobStatus: string; ServicesLastAccessed?: ServiceAccess[]; Error?: { Message?: string } }>('iam', 'GetServiceLastAccessedDetails', { JobId });
    if (out.JobStatus === 'COMPLETED') return out.ServicesLastAccessed ?? [];
    if (out.JobStatus === 'FAILED') throw new Error(out.Error?.Message ?? 'The access advisor job failed.');
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The access advisor job did not complete.');
}

export function AccessAdvisor({ arn }: { arn: string }): JSX.Element {
  const data = useLoad(() => report(arn), [arn]);
  return (
    <section aria-labelledby="advisor-heading">
      <h2 id="advisor-heading">Access advisor</h2>
      <p class="muted">Services this identity's policies allow, and when it last used each (unused ones are candidates for removal).</p>
      <ErrorBox error={data.error} />
      {data.loading ? <Loading what="access advisor" /> : null}
      {data.data !== undefined ? (
        <table class="list access-advisor">
          <caption class="visually-hidden">Service last accessed</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Namespace</th>
              <th scope="col">Last accessed</th>
            </tr>
          </thead>
          <tbody>
            {[...data.data]
              .sort((a, b) => (b.LastAuthenticated ?? '').localeCompare(a.LastAuthenticated ?? '') || a.ServiceName.localeCompare(b.ServiceName))
              .map((s) => (
                <tr>
                  <td>{s.ServiceName}</td>
                  <td>{s.ServiceNamespace}</td>
                  <td>{s.LastAuthenticated === undefined ? 'Not accessed in the tracking period' : formatDate(s.LastAuthenticated)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
