// Root's forgotten password: ask for a reset link (mailed to root's address; the answer is the
// same whether or not the account exists), then set a new password from the link's token.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { postJson } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { Field, useId } from '../components/ui.js';
import { Link } from '../router.js';

export function ForgotPasswordPage(): JSX.Element {
  const [account, setAccount] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const titleId = useId('forgot');
  return (
    <main id="main" class="signin">
      <form
        class="signin-card"
        aria-labelledby={titleId}
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          try {
            await postJson('/console/api/root/forgot-password', { account });
            setSent(true);
          } catch (err) {
            setError(err);
          }
        }}
      >
        <h1 id={titleId}>Root user password recovery</h1>
        <ErrorBox error={error} />
        {sent ? (
          <p role="status">If the account exists, a reset link valid for 15 minutes was sent to the root user's email address.</p>
        ) : (
          <>
            <Field label="Account ID or alias" name="account" value={account} onInput={setAccount} required />
            <button type="submit" class="primary">
              Send reset link
            </button>
          </>
        )}
        <p class="signin-links">
          <Link href="/console/signin/root">Back to sign in</Link>
        </p>
      </form>
    </main>
  );
}

export function ResetPasswordPage({ token }: { token: string }): JSX.Element {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const titleId = useId('reset');
  return (
    <main id="main" class="signin">
      <form
        class="signin-card"
        aria-labelledby={titleId}
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          if (password !== confirm) return setError(new Error('The passwords do not match.'));
          try {
            await postJson('/console/api/root/reset-password', { token, newPassword: password });
            setDone(true);
          } catch (err) {
            setError(err);
          }
        }}
      >
        <h1 id={titleId}>Reset the root user's password</h1>
        <ErrorBox error={error} />
        {done ? (
          <p role="status">
            The password was changed. <Link href="/console/signin/root">Sign in</Link> (root's MFA is still required).
          </p>
        ) : (
          <>
            <Field label="New password" name="newPassword" type="password" value={password} onInput={setPassword} autoComplete="new-password" required />
            <Field label="Confirm new password" name="confirmPassword" type="password" value={confirm} onInput={setConfirm} autoComplete="new-password" required />
            <button type="submit" class="primary">
              Reset password
            </button>
          </>
        )}
      </form>
    </main>
  );
}
