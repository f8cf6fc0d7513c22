// The simulator's "a principal's policies" mode: the text of every policy that decided the
// chosen result, read as the signed-in principal, with its matched statements highlighted as
// in paste mode (the same editor marks).
import type { JSX } from 'preact';
import { ErrorBox } from './error-box.js';
import { PolicyEditor, type Span } from './policy-editor.js';
import { principalPolicyTexts } from './principal-policy-texts.js';
import { useLoad } from './use-load.js';
import { Loading } from './ui.js';

export interface Position {
  readonly Line: number;
  readonly Column: number;
}

export interface Matched {
  readonly SourcePolicyId?: string;
  readonly SourcePolicyType?: string;
  readonly StartPosition?: Position;
  readonly EndPosition?: Position;
}

/** A 1-based line and column (as the simulator reports them) as an offset into `text`. */
export function offsetOf(text: string, p: Position): number {
  let offset = 0;
  for (let line = 1; line < p.Line; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(p.Column - 1, 0), text.length);
}

/** The spans of the statements of `policyId` among `matched`, in `text`. */
export function spansOf(text: string, policyId: string, matched: readonly Matched[]): Span[] {
  return matched
    .filter((m) => m.SourcePolicyId === policyId && m.StartPosition !== undefined && m.EndPosition !== undefined)
    .map((m) => ({ from: offsetOf(text, m.StartPosition!), to: offsetOf(text, m.EndPosition!) }));
}

/** Policies given in the request (PolicyInputList.N) are shown in the editor above, not here. */
const fromPrincipal = (id: string | undefined): id is string => id !== undefined && !id.startsWith('PolicyInputList.');

export function MatchedPolicies({ sourceArn, matched }: { sourceArn: string; matched: readonly Matched[] }): JSX.Element | null {
  const ids = [...new Set(matched.map((m) => m.SourcePolicyId).filter(fromPrincipal))];
  const texts = useLoad(() => principalPolicyTexts(sourceArn, new Set(ids)), [sourceArn, ids.join('\n')]);
  if (ids.length === 0) return null;
  return (
    <section class="matched-policies" aria-labelledby="matched-policies-heading">
      <h3 id="matched-policies-heading">Policies that decided it</h3>
      <ErrorBox error={texts.error} />
      {texts.loading ? <Loading what="policies" /> : null}
      {texts.data === undefined
        ? null
        : ids.map((id) => {
            const text = texts.data!.get(id);
            const type = matched.find((m) => m.SourcePolicyId === id)?.SourcePolicyType ?? 'IAM Policy';
            return text === undefined ? (
              <p class="muted">
                {id} ({type}): its text could not be found.
              </p>
            ) : (
              <PolicyEditor key={`${id}\n${text}`} label={`${id} (${type})`} value={text} readOnly highlights={spansOf(text, id, matched)} />
            );
          })}
    </section>
  );
}
