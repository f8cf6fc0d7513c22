// The policy editor: CodeMirror 6 (loaded on demand, codemirror-view.ts) with JSON highlighting
// and live validation. JSON syntax errors come from the engine's own JSON reader (json-tree.ts);
// Access Analyzer's ValidatePolicy findings (called as the signed-in principal) are marked at
// their `locations` span. `highlights` marks character ranges (the simulator's matched statements).
import type { Diagnostic } from '@codemirror/lint';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { readJsonPositioned } from '../../../policy/document/json-tree.js';
import { callApi } from '../api.js';
import { useId } from './ui.js';

export type PolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY';

export type { Span } from './codemirror-view.js';
import type { PolicyView, Span } from './codemirror-view.js';

interface Finding {
  readonly findingType: string;
  readonly issueCode: string;
  readonly findingDetails: string;
  readonly locations?: readonly { span?: { start?: { offset?: number }; end?: { offset?: number } } }[];
}

function cspNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
}

function severity(findingType: string): Diagnostic['severity'] {
  if (findingType === 'ERROR' || findingType === 'SECURITY_WARNING') return 'error';
  if (findingType === 'WARNING') return 'warning';
  return 'info';
}

/** ValidatePolicy's findings as diagnostics at their spans (offsets into the document). */
export function findingsToDiagnostics(findings: readonly Finding[], length: number): Diagnostic[] {
  return findings.map((f) => {
    const span = f.locations?.[0]?.span;
    const from = Math.min(Math.max(span?.start?.offset ?? 0, 0), length);
    const to = Math.min(Math.max(span?.end?.offset ?? from, from), length);
    return { from, to, severity: severity(f.findingType), source: `Access Analyzer ${f.issueCode}`, message: f.findingDetails };
  });
}

/** Where the text stops being JSON, as one diagnostic on the offending character. */
export function syntaxDiagnostics(text: string): Diagnostic[] {
  const read = readJsonPositioned(text);
  if (read.ok) return [];
  const from = Math.max(0, Math.min(read.offset, text.length - 1));
  return [{ from, to: Math.min(from + 1, text.length), severity: 'error', source: 'JSON', message: read.reason }];
}

export function PolicyEditor(props: {
  label: string;
  /** The initial text. */
  value: string;
  onChange?: (text: string) => void;
  policyType?: PolicyType;
  readOnly?: boolean;
  highlights?: readonly Span[];
}): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<PolicyView | undefined>(undefined);
  const highlights = useRef(props.highlights);
  highlights.current = props.highlights;
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const labelId = useId('editor');

  // The editor owns its text once created: `value` is the initial text (a parent that replaces
  // the text remounts the editor with a new key). Feeding every keystroke back as a prop races
  // Preact's batched renders against the editor's own transactions.
  useEffect(() => {
    let live = true;
    const policyType = props.policyType;
    const lint =
      props.readOnly === true || policyType === undefined
        ? undefined
        : async (text: string, current: () => string): Promise<Diagnostic[]> => {
            const syntax = syntaxDiagnostics(text);
            if (syntax.length > 0) {
              setProblems(syntax);
              return syntax;
            }
            let found: Diagnostic[] = [];
            try {
              const out = await callApi<{ findings?: Finding[] }>('access-analyzer', 'ValidatePolicy', { policyDocument: text, policyType });
              found = findingsToDiagnostics(out.findings ?? [], text.length);
            } catch {
              found = [];
            }
            if (current() !== text) return [];
            setProblems(found);
            return found;
          };
    void import('./codemirror-view.js').then(({ createPolicyView }) => {
      if (!live || host.current === null) return;
      view.current = createPolicyView({
        parent: host.current,
        doc: props.value,
        labelId,
        nonce: cspNonce(),
        readOnly: props.readOnly === true,
        ...(lint === undefined ? {} : { lint }),
        onChange: (text) => onChange.current?.(text),
      });
      if (highlights.current !== undefined) view.current.highlight(highlights.current);
    });
    return () => {
      live = false;
      view.current?.destroy();
      view.current = undefined;
    };
  }, [props.readOnly, props.policyType]);

  useEffect(() => {
    view.current?.highlight(props.highlights ?? []);
  }, [props.highlights]);

  return (
    <div class="policy-editor">
      <span class="editor-label" id={labelId}>
        {props.label}
      </span>
      <div class="editor-host" ref={host} />
      {props.readOnly === true || props.policyType === undefined ? null : (
        <div class="editor-problems" aria-live="polite">
          {problems.length === 0 ? (
            <p class="muted validation-ok">No problems found.</p>
          ) : (
            <ul class="validation-findings">
              {problems.map((p) => (
                <li class={`finding finding-${p.severity}`}>
                  <strong>{p.severity}</strong> {p.source !== undefined ? <span class="muted">{p.source}</span> : null}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
