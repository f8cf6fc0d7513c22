// The policy simulator: a principal's policies (SimulatePrincipalPolicy) or pasted policies
// (SimulateCustomPolicy), actions, resources and context keys; the decision per action, and
// the statements that decided it highlighted in the policy text.
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { PolicyEditor, type Span } from '../components/policy-editor.js';
import { EMPTY_POLICY } from '../components/policy-panels.js';
import { MatchedPolicies, spansOf, type Matched } from '../components/matched-policies.js';
import { useAction } from '../components/use-load.js';
import { Field, PageHeader } from '../components/ui.js';
import { usePrincipal } from '../session.js';

interface EvalResult {
  readonly EvalActionName: string;
  readonly EvalResourceName?: string;
  readonly EvalDecision: string;
  readonly MatchedStatements?: readonly Matched[];
  readonly MissingContextValues?: readonly string[];
}

interface ContextRow {
  key: string;
  type: string;
  values: string;
}

const TYPES = ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'];

const split = (s: string): string[] =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function SimulatorPage(): JSX.Element {
  const principal = usePrincipal();
  const [mode, setMode] = useState<'principal' | 'custom'>('custom');
  const [source, setSource] = useState(principal?.type === 'IAMUser' ? principal.arn : '');
  const [policy, setPolicy] = useState(EMPTY_POLICY);
  const [actions, setActions] = useState('s3:ListAllMyBuckets, s3:GetObject');
  const [resources, setResources] = useState('*');
  const [context, setContext] = useState<ContextRow[]>([]);
  const [results, setResults] = useState<EvalResult[] | undefined>(undefined);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [simulatedText, setSimulatedText] = useState('');
  const [simulatedSource, setSimulatedSource] = useState<string | undefined>(undefined);
  const action = useAction();

  const run = (): Promise<boolean> =>
    action.run(async () => {
      const ContextEntries = context
        .filter((c) => c.key.trim() !== '')
        .map((c) => ({ ContextKeyName: c.key.trim(), ContextKeyType: c.type, ContextKeyValues: split(c.values) }));
      const common = { ActionNames: split(actions), ResourceArns: split(resources), ...(ContextEntries.length ? { ContextEntries } : {}) };
      const withPolicy = policy.trim() === '' ? {} : { PolicyInputList: [policy] };
      const out =
        mode === 'principal'
          ? await callApi<{ EvaluationResults?: EvalResult[] }>('iam', 'SimulatePrincipalPolicy', { PolicySourceArn: source.trim(), ...common, ...withPolicy })
          : await callApi<{ EvaluationResults?: EvalResult[] }>('iam', 'SimulateCustomPolicy', { PolicyInputList: [policy], ...common });
      setSimulatedText(policy);
      setSimulatedSource(mode === 'principal' ? source.trim() : undefined);
      setResults(out.EvaluationResults ?? []);
      setSelected(0);
    });

  const chosen = selected === undefined ? undefined : results?.[selected];
  const highlights = useMemo<Span[]>(() => {
    if (chosen === undefined || simulatedText !== policy) return [];
    return spansOf(policy, 'PolicyInputList.1', chosen.MatchedStatements ?? []);
  }, [chosen, simulatedText, policy]);

  return (
    <>
      <PageHeader title="Policy simulator" />
      <form
        class="card simulator"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset>
          <legend>Simulate</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'custom'} onChange={() => setMode('custom')} /> Policies I paste (SimulateCustomPolicy)
          </label>{' '}
          <label>
            <input type="radio" name="mode" checked={mode === 'principal'} onChange={() => setMode('principal')} /> A principal's policies (SimulatePrincipalPolicy)
          </label>
        </fieldset>
        {mode === 'principal' ? (
          <Field label="User, group or role ARN" name="policySourceArn" value={source} onInput={setSource} required placeholder="arn:aws:iam::123456789012:user/alice" />
        ) : null}
        <PolicyEditor label={mode === 'principal' ? 'Extra policy to include (optional)' : 'Policy to simulate'} value={policy} onChange={setPolicy} highlights={highlights} policyType="IDENTITY_POLICY" />
        <Field label="Actions (comma or line separated)" name="actions" value={actions} onInput={setActions} required />
        <Field label="Resource ARNs (comma or line separated)" name="resources" value={resources} onInput={setResources} />
        <fieldset class="context-keys">
          <legend>Context keys</legend>
          {context.map((c, i) => (
            <div class="context-row">
              <Field label={`Key ${i + 1}`} name={`ctx-key-${i}`} value={c.key} onInput={(v) => setContext(context.map((x, j) => (j === i ? { ...x, key: v } : x)))} placeholder="aws:MultiFactorAuthPresent" />
              <label for={`ctx-type-${i}`}>Type</label>
              <select id={`ctx-type-${i}`} value={c.type} onChange={(e) => setContext(context.map((x, j) => (j === i ? { ...x, type: (e.currentTarget as HTMLSelectElement).value } : x)))}>
                {TYPES.map((t) => (
                  <option value={t}>{t}</option>
                ))}
              </select>
              <Field label="Values" name={`ctx-values-${i}`} value={c.values} onInput={(v) => setContext(context.map((x, j) => (j === i ? { ...x, values: v } : x)))} />
              <button type="button" onClick={() => setContext(context.filter((_, j) => j !== i))}>
                Remove key
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setContext([...context, { key: '', type: 'string', values: '' }])}>
            Add context key
          </button>
        </fieldset>
        <button type="submit" class="primary" disabled={action.busy}>
          Run simulation
        </button>
      </form>
      <ErrorBox error={action.error} />
      {results !== undefined ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">Results</h2>
          <table class="list sim-results">
            <caption class="visually-hidden">Decision per action</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Decision</th>
                <th scope="col">Matched statements</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r, i) => (
                <tr class={i === selected ? 'selected' : ''}>
                  <td>
                    <button type="button" class="link" aria-pressed={i === selected} onClick={() => setSelected(i)}>
                      {r.EvalActionName}
                    </button>
                  </td>
                  <td class="arn">{r.EvalResourceName ?? '*'}</td>
                  <td>
                    <span class={`decision decision-${r.EvalDecision}`}>{r.EvalDecision}</span>
                    {r.MissingContextValues?.length ? <span class="muted"> (missing context: {r.MissingContextValues.join(', ')})</span> : null}
                  </td>
                  <td>
                    {(r.MatchedStatements ?? []).length === 0
                      ? '—'
                      : (r.MatchedStatements ?? []).map((m) => (
                          <span class="matched">
                            {m.SourcePolicyId} {m.StartPosition !== undefined ? `(line ${m.StartPosition.Line}–${m.EndPosition?.Line ?? '?'})` : ''}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">Choose an action to highlight the statements that decided it{simulatedSource === undefined ? ' in the policy above' : ", in the principal's policies below"}.</p>
          {simulatedSource !== undefined && chosen !== undefined ? <MatchedPolicies sourceArn={simulatedSource} matched={chosen.MatchedStatements ?? []} /> : null}
        </section>
      ) : null}
    </>
  );
}
