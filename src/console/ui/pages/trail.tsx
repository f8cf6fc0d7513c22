// The audit trail: CloudTrail's LookupEvents with one lookup attribute and a time range,
// paged with NextToken, and the full CloudTrail JSON of the chosen event.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useLoad } from '../components/use-load.js';
import { formatDate, Loading, PageHeader, useId } from '../components/ui.js';

interface TrailEvent {
  readonly EventId: string;
  readonly EventName?: string;
  readonly EventTime?: string;
  readonly EventSource?: string;
  readonly Username?: string;
  readonly CloudTrailEvent?: string;
}

const ATTRIBUTES = ['EventName', 'Username', 'EventSource', 'ResourceName', 'ResourceType', 'AccessKeyId', 'EventId', 'ReadOnly'];

export function TrailPage(): JSX.Element {
  const [attribute, setAttribute] = useState('EventName');
  const [value, setValue] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [applied, setApplied] = useState<Record<string, unknown>>({});
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [open, setOpen] = useState<TrailEvent | undefined>(undefined);
  const token = tokens[tokens.length - 1];
  const page = useLoad(
    () => callApi<{ Events?: TrailEvent[]; NextToken?: string }>('cloudtrail', 'LookupEvents', { ...applied, MaxResults: 50, ...(token === undefined ? {} : { NextToken: token }) }),
    [applied, token],
  );
  const ids = { attr: useId('attr'), value: useId('value'), start: useId('start'), end: useId('end') };
  return (
    <>
      <PageHeader title="Audit trail" />
      <form
        class="card list-tools trail-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setTokens([undefined]);
          setApplied({
            ...(value.trim() === '' ? {} : { LookupAttributes: [{ AttributeKey: attribute, AttributeValue: value.trim() }] }),
            ...(start === '' ? {} : { StartTime: new Date(start).toISOString() }),
            ...(end === '' ? {} : { EndTime: new Date(end).toISOString() }),
          });
        }}
      >
        <label for={ids.attr}>Lookup attribute</label>
        <select id={ids.attr} value={attribute} onChange={(e) => setAttribute((e.currentTarget as HTMLSelectElement).value)}>
          {ATTRIBUTES.map((a) => (
            <option value={a}>{a}</option>
          ))}
        </select>
        <label for={ids.value}>Value</label>
        <input id={ids.value} name="lookupValue" value={value} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
        <label for={ids.start}>From</label>
        <input id={ids.start} type="datetime-local" value={start} onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)} />
        <label for={ids.end}>To</label>
        <input id={ids.end} type="datetime-local" value={end} onInput={(e) => setEnd((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="primary">
          Look up events
        </button>
      </form>
      <ErrorBox error={page.error} />
      {page.loading && page.data === undefined ? <Loading what="events" /> : null}
      {page.data !== undefined ? (
        <>
          <table class="list trail-events">
            <caption>Events (page {tokens.length})</caption>
            <thead>
              <tr>
                <th scope="col">Event time</th>
                <th scope="col">Event name</th>
                <th scope="col">User name</th>
                <th scope="col">Event source</th>
              </tr>
            </thead>
            <tbody>
              {(page.data.Events ?? []).map((ev) => (
                <tr class={open?.EventId === ev.EventId ? 'selected' : ''}>
                  <td>{formatDate(ev.EventTime)}</td>
                  <td>
                    <button type="button" class="link event-open" aria-expanded={open?.EventId === ev.EventId} onClick={() => setOpen(open?.EventId === ev.EventId ? undefined : ev)}>
                      {ev.EventName ?? ev.EventId}
                    </button>
                  </td>
                  <td>{ev.Username ?? '—'}</td>
                  <td>{ev.EventSource ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pager" aria-label="Event pages">
            <button type="button" disabled={tokens.length === 1} onClick={() => setTokens(tokens.slice(0, -1))}>
              Previous
            </button>
            <button type="button" disabled={page.data.NextToken === undefined} onClick={() => setTokens([...tokens, page.data!.NextToken])}>
              Next
            </button>
          </nav>
        </>
      ) : null}
      {open !== undefined ? (
        <section class="card event-detail" aria-labelledby="event-heading">
          <h2 id="event-heading">Event {open.EventName}</h2>
          <pre class="json">{prettyJson(open.CloudTrailEvent)}</pre>
        </section>
      ) : null}
    </>
  );
}

function prettyJson(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
