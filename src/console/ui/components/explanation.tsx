// The engine's account of a denied request (the server's DenialExplanation): the one-sentence
// summary, the decision, which kind of policy denied, the policy types evaluated and the deny
// statements that matched; the full record, statement by statement, one click away.
import type { JSX } from 'preact';

interface Statement {
  readonly policyId?: string;
  readonly policyType?: string;
  readonly sid?: string;
  readonly effect?: string;
  readonly matched?: boolean;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  identity: 'identity-based policies',
  resource: 'resource-based policy',
  trust: "role's trust policy",
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policies',
  rcp: 'resource control policies',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function Explanation({ value }: { value: unknown }): JSX.Element {
  if (value === null || typeof value !== 'object') return <pre class="explanation">{String(value)}</pre>;
  const e = value as Record<string, unknown>;
  const types = Array.isArray(e['policyTypesEvaluated']) ? (e['policyTypesEvaluated'] as string[]) : [];
  const denies = Array.isArray(e['matchedDenyStatements']) ? (e['matchedDenyStatements'] as Statement[]) : [];
  const missing = Array.isArray(e['missingContextKeys']) ? (e['missingContextKeys'] as string[]) : [];
  const summary = str(e['summary']) ?? str(e['message']);
  return (
    <div class="explanation">
      {summary !== undefined ? <p class="explanation-summary">{summary}</p> : null}
      <dl class="facts">
        {str(e['decision']) !== undefined ? (
          <>
            <dt>Decision</dt>
            <dd>{e['decision'] === 'ExplicitDeny' ? 'Explicit deny' : 'Implicit deny (nothing allows it)'}</dd>
          </>
        ) : null}
        {str(e['deniedBy']) !== undefined ? (
          <>
            <dt>Denied by</dt>
            <dd>{TYPE_WORDS[str(e['deniedBy'])!] ?? str(e['deniedBy'])}</dd>
          </>
        ) : null}
        {str(e['action']) !== undefined ? (
          <>
            <dt>Action</dt>
            <dd>
              <code>{str(e['action'])}</code>
            </dd>
            <dt>Resource</dt>
            <dd class="arn">{str(e['resource'])}</dd>
          </>
        ) : null}
        {types.length > 0 ? (
          <>
            <dt>Policies evaluated</dt>
            <dd>{types.map((t) => TYPE_WORDS[t] ?? t).join(', ')}</dd>
          </>
        ) : null}
        {missing.length > 0 ? (
          <>
            <dt>Missing context keys</dt>
            <dd>{missing.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {denies.length > 0 ? (
        <>
          <p>Deny statements that matched:</p>
          <ul class="deny-statements">
            {denies.map((s) => (
              <li>
                <code>{s.policyId}</code>
                {s.sid !== undefined ? ` (${s.sid})` : ''} in the {TYPE_WORDS[s.policyType ?? ''] ?? s.policyType}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary>Every statement considered</summary>
        <pre>{JSON.stringify(value, null, 2)}</pre>
      </details>
    </div>
  );
}
