// Why a request was denied: the engine's explanation of a denied console request, kept by the
// server in the store for 15 minutes and readable by the denied principal or anyone in the account
// allowed sts:DecodeAuthorizationMessage.
import type { JSX } from 'preact';
import { getJson } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { Explanation } from '../components/explanation.js';
import { useLoad } from '../components/use-load.js';
import { Loading, PageHeader } from '../components/ui.js';

export function WhyPage({ requestId }: { requestId: string }): JSX.Element {
  const data = useLoad(() => getJson<Record<string, unknown>>(`/console/api/explain/${encodeURIComponent(requestId)}`), [requestId]);
  const value = data.data === undefined ? undefined : 'explanation' in data.data ? data.data['explanation'] : data.data;
  return (
    <>
      <PageHeader title="Why was this request denied?" />
      <p>
        Request id <code>{requestId}</code>
      </p>
      <ErrorBox error={data.error} />
      {data.loading ? <Loading what="explanation" /> : null}
      {value !== undefined ? (
        <section class="card why" aria-label="Explanation">
          <Explanation value={value} />
        </section>
      ) : null}
    </>
  );
}
