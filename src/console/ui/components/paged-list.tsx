// A list page's table: IAM's Marker pagination (a stack of markers for "Previous"), a search
// box, a caption for screen readers. With `search`, the box searches the whole account on the
// server (by name, paged the same way); without it, it filters the loaded page.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
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
  /** Searches the whole account by name (the server's search), a page at a time. */
  search?: (contains: string, marker: string | undefined) => Promise<Page<T>>;
  /** What the search box says it searches. */
  searchLabel?: string;
}): JSX.Element {
  const [markers, setMarkers] = useState<(string | undefined)[]>([undefined]);
  const [filter, setFilter] = useState('');
  // The text being searched: the box's text once typing pauses (150 ms), so each keystroke is not a request.
  const [query, setQuery] = useState('');
  const search = props.search;
  useEffect(() => {
    if (search === undefined) return undefined;
    const timer = setTimeout(() => {
      setQuery(filter.trim());
      setMarkers([undefined]);
    }, 150);
    return () => clearTimeout(timer);
  }, [filter]);
  const marker = markers[markers.length - 1];
  const searching = search !== undefined && query !== '';
  const page = useLoad(() => (searching ? search(query, marker) : props.load(marker)), [marker, props.reloadKey, searching ? query : '']);
  const filterId = useId('filter');
  const needle = search === undefined ? filter.trim().toLowerCase() : '';
  const rows = (page.data?.items ?? []).filter((item) => needle === '' || props.text(item).toLowerCase().includes(needle));
  return (
    <div class="paged-list">
      <div class="list-tools">
        <label for={filterId}>Search</label>
        <input
          id={filterId}
          type="search"
          class="filter"
          value={filter}
          placeholder={search === undefined ? 'Filter this page' : (props.searchLabel ?? 'Search the account by name')}
          onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
        />
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
            {needle === '' ? '' : ` of ${page.data.items.length}`} on this page{searching ? ` matching “${query}”` : ''})
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
