// Account settings: the account alias (create, delete) and the account password policy.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, callApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useAction, useLoad } from '../components/use-load.js';
import { Checkbox, Field, PageHeader } from '../components/ui.js';
import { describePolicy, type PasswordPolicy } from './password-policy-text.js';

export function AccountPage(): JSX.Element {
  return (
    <>
      <PageHeader title="Account settings" />
      <AliasSection />
      <PasswordPolicySection />
    </>
  );
}

function AliasSection(): JSX.Element {
  const aliases = useLoad(() => callApi<{ AccountAliases?: string[] }>('iam', 'ListAccountAliases'), []);
  const [alias, setAlias] = useState('');
  const action = useAction();
  const current = aliases.data?.AccountAliases?.[0];
  return (
    <section class="card" aria-labelledby="alias-heading">
      <h2 id="alias-heading">Account alias</h2>
      <ErrorBox error={aliases.error ?? action.error} />
      <p>
        Current alias: <strong class="current-alias">{current ?? 'None'}</strong>
      </p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action
            .run(async () => {
              if (current !== undefined) await callApi('iam', 'DeleteAccountAlias', { AccountAlias: current });
              await callApi('iam', 'CreateAccountAlias', { AccountAlias: alias.trim() });
            })
            .then((ok) => ok && (setAlias(''), aliases.reload()));
        }}
      >
        <Field label="New alias" name="alias" value={alias} onInput={setAlias} required hint="3 to 63 lowercase letters, digits and hyphens." />
        <button type="submit">{current === undefined ? 'Create alias' : 'Change alias'}</button>
        {current !== undefined ? (
          <button type="button" onClick={() => action.run(() => callApi('iam', 'DeleteAccountAlias', { AccountAlias: current })).then(aliases.reload)}>
            Delete alias
          </button>
        ) : null}
      </form>
    </section>
  );
}

const NUMBERS: readonly (keyof PasswordPolicy)[] = ['MinimumPasswordLength', 'MaxPasswordAge', 'PasswordReusePrevention'];
const FLAGS: readonly [keyof PasswordPolicy, string][] = [
  ['RequireUppercaseCharacters', 'Require at least one uppercase letter'],
  ['RequireLowercaseCharacters', 'Require at least one lowercase letter'],
  ['RequireNumbers', 'Require at least one number'],
  ['RequireSymbols', 'Require at least one non-alphanumeric character'],
  ['AllowUsersToChangePassword', 'Allow users to change their own password'],
  ['HardExpiry', 'Prevent password reuse after expiry (administrator reset)'],
];
const LABELS: Record<string, string> = { MinimumPasswordLength: 'Minimum password length', MaxPasswordAge: 'Password expires after (days, empty for never)', PasswordReusePrevention: 'Remember previous passwords (empty for none)' };

function PasswordPolicySection(): JSX.Element {
  const policy = useLoad(
    () =>
      callApi<{ PasswordPolicy: PasswordPolicy }>('iam', 'GetAccountPasswordPolicy').then(
        (o) => o.PasswordPolicy,
        (e: unknown) => {
          if (e instanceof ApiError && e.is('NoSuchEntity')) return null;
          throw e;
        },
      ),
    [],
  );
  const [form, setForm] = useState<Record<string, string | boolean>>({});
  useEffect(() => {
    const p = policy.data ?? {};
    const next: Record<string, string | boolean> = {};
    for (const n of NUMBERS) next[n] = p[n] === undefined ? (n === 'MinimumPasswordLength' ? '8' : '') : String(p[n]);
    for (const [f] of FLAGS) next[f] = p[f] === true;
    setForm(next);
  }, [policy.data]);
  const action = useAction();
  const save = (): Promise<boolean> =>
    action.run(async () => {
      const input: Record<string, unknown> = {};
      for (const n of NUMBERS) if (form[n] !== '' && form[n] !== undefined) input[n] = Number(form[n]);
      for (const [f] of FLAGS) input[f] = form[f] === true;
      await callApi('iam', 'UpdateAccountPasswordPolicy', input);
      policy.reload();
    });
  return (
    <section class="card" aria-labelledby="policy-heading">
      <h2 id="policy-heading">Password policy</h2>
      <ErrorBox error={policy.error ?? action.error} />
      {policy.data === null ? <p>This account uses the default password policy.</p> : policy.data !== undefined ? (
        <ul class="policy-rules">
          {describePolicy(policy.data).map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {NUMBERS.map((n) => (
          <Field label={LABELS[n]!} name={n} type="number" value={String(form[n] ?? '')} onInput={(v) => setForm({ ...form, [n]: v })} />
        ))}
        {FLAGS.map(([f, label]) => (
          <Checkbox label={label} name={f} checked={form[f] === true} onChange={(v) => setForm({ ...form, [f]: v })} />
        ))}
        <div class="buttons">
          <button type="submit" class="primary">
            Save password policy
          </button>
          {policy.data ? (
            <button type="button" onClick={() => action.run(() => callApi('iam', 'DeleteAccountPasswordPolicy')).then(policy.reload)}>
              Use the default policy
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
