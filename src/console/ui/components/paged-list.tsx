// A list page's table: IAM's Marker pagination (a stack of markers for "Previous"), a text
// filter over the loaded page, a caption for screen readers.
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBox } from './error-box.js';
import { useLoad } from './use-load.js';
import { Loading, useId } from './ui.js';

export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string;
}

export interface Column<T> {
  readonly header: string;
  readonly cell: (item: T) => ComponentChildren;
}

export const PAGE_SIZE = 50;

export function PagedList<T>(props: {
  caption: string;
  load: (marker: string | undefined) => Promise<Page<T>>;
  columns: readonly Column<T>[];
  text: (item: T) => string;
  rowKey: (item: T) => string;
  reloadKey?: unknown;
}): JSX.Element {
  const [markers, setMarkers] = useState<(string | undefined)[]>([undefined]);
  const [filter, setFilter] = useState('');
  const marker = markers[markers.length - 1];
  const page = useLoad(() => props.load(marker), [marker, props.reloadKey]);
  const filterId = useId('filter');
  const needle = filter.trim().toLowerCase();
  const rows = (page.data?.items ?? []).filter((item) => needle === '' || props.text(item).toLowerCase().includes(needle));
  return (
    <div class="paged-list">
      <div class="list-tools">
        <label for={filterId}>Search</label>
        <input id={filterId} type="search" class="filter" value={filter} placeholder="Filter this page" onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
        <nav class="pager" aria-label={`${props.caption} pages`}>
          <button type="button" disabled={markers.length === 1} onClick={() => setMarkers(markers.slice(0, -1))}>
            Previous
          </button>
          <span>Page {markers.length}</span>
          <button type="button" class="next-page" disabled={page.data?.next === undefined} onClick={() => setMarkers([...markers, page.data!.next])}>
            Next
          </button>
        </nav>
      </div>
      <ErrorBox error={page.error} />
      {page.loading && page.data === undefined ? <Loading /> : null}
      {page.data !== undefined ? (
        <table class="list">
          <caption>
            {props.caption} ({rows.length}
            {needle === '' ? '' : ` of ${page.data.items.length}`} on this page)
          </caption>
          <thead>
            <tr>
              {props.columns.map((c) => (
                <th scope="col">{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={props.rowKey(item)}>
                {props.columns.map((c) => (
                  <td>{c.cell(item)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** An IAM List* answer as a page. */
export function iamPage<T>(output: { IsTruncated?: boolean; Marker?: string }, items: readonly T[] | undefined): Page<T> {
  return { items: items ?? [], ...(output.IsTruncated === true && output.Marker !== undefined ? { next: output.Marker } : {}) };
}
