// Small shared pieces: page header, labelled fields, buttons, dates, loading state.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }): JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Keyward console`;
    ref.current?.focus();
  }, [title]);
  return (
    <div class="page-header">
      <h1 tabIndex={-1} ref={ref}>
        {title}
      </h1>
      {children !== undefined ? <div class="page-actions">{children}</div> : null}
    </div>
  );
}

let nextId = 0;
export function useId(prefix: string): string {
  const ref = useRef<string | undefined>(undefined);
  if (ref.current === undefined) ref.current = `${prefix}-${++nextId}`;
  return ref.current;
}

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly type?: 'text' | 'password' | 'number' | 'search' | 'email';
  readonly name?: string;
  readonly autoComplete?: string;
  readonly required?: boolean;
  readonly hint?: string;
  readonly placeholder?: string;
  readonly inputMode?: 'numeric' | 'text';
}

export function Field(props: FieldProps): JSX.Element {
  const id = useId(props.name ?? 'field');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        required={props.required}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        aria-describedby={props.hint === undefined ? undefined : `${id}-hint`}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {props.hint !== undefined ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox({ label, checked, onChange, name }: { label: string; checked: boolean; onChange: (v: boolean) => void; name?: string }): JSX.Element {
  const id = useId(name ?? 'check');
  return (
    <div class="checkbox">
      <input id={id} name={name} type="checkbox" checked={checked} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}

export function Loading({ what }: { what?: string }): JSX.Element {
  return (
    <p class="loading" role="status" aria-live="polite">
      Loading{what === undefined ? '' : ` ${what}`}…
    </p>
  );
}

export function formatDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function ageInDays(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.floor((now - t) / 86_400_000);
}

export function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return <p class="empty">{children}</p>;
}

/** A decoded, pretty-printed policy document (IAM returns them URL-encoded). */
export function decodePolicy(doc: unknown): string {
  if (typeof doc !== 'string') return JSON.stringify(doc ?? {}, null, 2);
  let text = doc;
  try {
    if (/%[0-9A-Fa-f]{2}/.test(text) && !text.trimStart().startsWith('{')) text = decodeURIComponent(text);
  } catch {
    /* not encoded */
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
