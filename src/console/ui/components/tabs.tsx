// Tabs with the WAI-ARIA pattern: a tablist of buttons (arrow keys move between them), one panel.
import type { ComponentChildren, JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { useId } from './ui.js';

export interface Tab {
  readonly id: string;
  readonly label: string;
}

export function Tabs(props: { label: string; tabs: readonly Tab[]; selected: string; onSelect: (id: string) => void; children: ComponentChildren }): JSX.Element {
  const base = useId('tabs');
  const list = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent, index: number): void => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = props.tabs[(index + step + props.tabs.length) % props.tabs.length]!;
    props.onSelect(next.id);
    list.current?.querySelector<HTMLButtonElement>(`#${base}-${next.id}`)?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label} ref={list}>
        {props.tabs.map((t, i) => (
          <button
            type="button"
            role="tab"
            id={`${base}-${t.id}`}
            aria-selected={t.id === props.selected}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === props.selected ? 0 : -1}
            onClick={() => props.onSelect(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${props.selected}`} tabIndex={0}>
        {props.children}
      </div>
    </div>
  );
}
