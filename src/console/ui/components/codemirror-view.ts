// CodeMirror for the policy editor, in its own chunk: loaded when a page first shows an
// editor, so list and detail pages do not pay for it. JSON highlighting, line numbers, the
// lint gutter, marks for highlighted ranges, and the CSP nonce for CodeMirror's styles.
import { json } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';

export interface Span {
  readonly from: number;
  readonly to: number;
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

export interface PolicyViewOptions {
  readonly parent: HTMLElement;
  readonly doc: string;
  readonly labelId: string;
  readonly nonce: string;
  readonly readOnly: boolean;
  /** Diagnostics for the text (syntax, then the server's findings); none: no validation. */
  readonly lint?: (text: string, current: () => string) => Promise<Diagnostic[]>;
  readonly onChange: (text: string) => void;
}

export interface PolicyView {
  highlight(spans: readonly Span[]): void;
  destroy(): void;
}

export function createPolicyView(o: PolicyViewOptions): PolicyView {
  const lint = o.lint;
  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        basicSetup,
        json(),
        EditorView.cspNonce.of(o.nonce),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-labelledby': o.labelId, 'aria-multiline': 'true' }),
        EditorState.readOnly.of(o.readOnly),
        highlightField,
        ...(lint === undefined ? [] : [linter((v) => lint(v.state.doc.toString(), () => v.state.doc.toString()), { delay: 400 }), lintGutter()]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    highlight: (spans) => view.dispatch({ effects: setHighlights.of(spans) }),
    destroy: () => view.destroy(),
  };
}
