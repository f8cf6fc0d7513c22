// The engine's account of a denied request, as the server sends it: text is shown as text,
// structured data as labelled lines (and the JSON, for what the labels do not cover).
import type { JSX } from 'preact';

export function Explanation({ value }: { value: unknown }): JSX.Element {
  if (typeof value === 'string') return <pre class="explanation">{value}</pre>;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const summary = typeof record['summary'] === 'string' ? record['summary'] : typeof record['message'] === 'string' ? record['message'] : undefined;
    return (
      <div class="explanation">
        {summary !== undefined ? <p>{summary}</p> : null}
        <details open={summary === undefined}>
          <summary>Decision details</summary>
          <pre>{JSON.stringify(value, null, 2)}</pre>
        </details>
      </div>
    );
  }
  return <pre class="explanation">{String(value)}</pre>;
}
