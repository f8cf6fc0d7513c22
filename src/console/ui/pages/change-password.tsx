// The forced password change (PasswordResetRequired, an expired password): the only thing a
// session with `passwordChangeRequired` may do, with the account's password policy shown.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi, changePassword } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useLoad } from '../components/use-load.js';
import { Field, useId } from '../components/ui.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { describePolicy, type PasswordPolicy } from './password-policy-text.js';

export function ChangePasswordPage(): JSX.Element {
  const { setSession } = useSession();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const titleId = useId('change');
  const policy = useLoad(
    () => callApi<{ PasswordPolicy?: PasswordPolicy }>('iam', 'GetAccountPasswordPolicy').then((o) => o.PasswordPolicy, () => undefined),
    [],
  );
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    if (newPassword !== confirm) {
      setError(new Error('The new passwords do not match.'));
      return;
    }
    try {
      setSession(await changePassword(oldPassword, newPassword));
      navigate('/console', { replace: true });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <main id="main" class="signin">
      <form class="signin-card" aria-labelledby={titleId} onSubmit={submit}>
        <h1 id={titleId}>Change your password</h1>
        <p>You must change your password to continue.</p>
        {policy.data !== undefined ? (
          <ul class="policy-rules">
            {describePolicy(policy.data).map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        ) : null}
        <ErrorBox error={error} />
        <Field label="Old password" name="oldPassword" type="password" value={oldPassword} onInput={setOld} autoComplete="current-password" required />
        <Field label="New password" name="newPassword" type="password" value={newPassword} onInput={setNew} autoComplete="new-password" required />
        <Field label="Retype new password" name="confirmPassword" type="password" value={confirm} onInput={setConfirm} autoComplete="new-password" required />
        <button type="submit" class="primary">
          Confirm password change
        </button>
      </form>
    </main>
  );
}
