// The policy editor: CodeMirror 6 with JSON highlighting and live validation. JSON syntax
// errors come from the engine's own JSON reader (json-tree.ts, the same one the server uses); Access Analyzer's ValidatePolicy findings (called as the
// signed-in principal) are marked at their `locations` span. `highlights` marks character
// ranges (the simulator's matched statements).
import { json } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { readJsonPositioned } from '../../../policy/document/json-tree.js';
import { callApi } from '../api.js';
import { useId } from './ui.js';

export type PolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY';

export interface Span {
  readonly from: number;
  readonly to: number;
}

interface Finding {
  readonly findingType: string;
  readonly issueCode: string;
  readonly findingDetails: string;
  readonly locations?: readonly { span?: { start?: { offset?: number }; end?: { offset?: number } } }[];
}

function cspNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
}

const setHighlights = StateEffect.define<readonly Span[]>();
const highlightMark = Decoration.mark({ class: 'cm-matched' });
const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlights)) continue;
      const len = tr.state.doc.length;
      const ranges: Range<Decoration>[] = e.value.filter((s) => s.from < s.to && s.to <= len).map((s) => highlightMark.range(s.from, s.to));
      next = Decoration.set(ranges, true);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

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
  const view = useRef<EditorView | undefined>(undefined);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const labelId = useId('editor');

  useEffect(() => {
    const validate = props.readOnly === true || props.policyType === undefined
      ? []
      : [
          linter(
            async (v) => {
              const text = v.state.doc.toString();
              const syntax = syntaxDiagnostics(text);
              if (syntax.length > 0) {
                setProblems(syntax);
                return syntax;
              }
              let found: Diagnostic[] = [];
              try {
                const out = await callApi<{ findings?: Finding[] }>('access-analyzer', 'ValidatePolicy', { policyDocument: text, policyType: props.policyType });
                found = findingsToDiagnostics(out.findings ?? [], v.state.doc.length);
              } catch {
                found = [];
              }
              if (v.state.doc.toString() !== text) return [];
              setProblems(found);
              return found;
            },
            { delay: 400 },
          ),
          lintGutter(),
        ];
    const state = EditorState.create({
      doc: props.value,
      extensions: [
        basicSetup,
        json(),
        EditorView.cspNonce.of(cspNonce()),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-labelledby': labelId, 'aria-multiline': 'true' }),
        EditorState.readOnly.of(props.readOnly === true),
        highlightField,
        ...validate,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange.current?.(u.state.doc.toString());
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => v.destroy();
    // The editor owns its text once created: `value` is the initial text (a parent that replaces the
    // text remounts the editor with a new key). Feeding every keystroke back as a prop races
    // Preact's batched renders against the editor's own transactions.
  }, [props.readOnly, props.policyType]);

  useEffect(() => {
    view.current?.dispatch({ effects: setHighlights.of(props.highlights ?? []) });
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
