// Sign-in: an IAM user (account id or alias, user name, password) or the root user (account,
// root's password); then the MFA step when the principal has a device. AWS gives one message
// for every failure; so does the server, and the page shows it as it comes.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, signIn } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { Field, useId } from '../components/ui.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';

export function SignInPage({ root, next }: { root: boolean; next?: string }): JSX.Element {
  const { setSession } = useSession();
  const [account, setAccount] = useState(localStorage.getItem('keyward.account') ?? '');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [mfaCode, setMfaCode] = useState('');
  const [mfaStep, setMfaStep] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const titleId = useId('signin');

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn({ account, ...(root ? {} : { userName }), password, ...(mfaStep ? { mfaCode } : {}) });
      localStorage.setItem('keyward.account', account);
      setSession(session);
      navigate(next !== undefined && next.startsWith('/console') ? next : '/console', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.is('MfaRequired') && !mfaStep) setMfaStep(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="signin">
      <form class="signin-card" aria-labelledby={titleId} onSubmit={submit}>
        <h1 id={titleId}>{root ? 'Sign in as the root user' : 'Sign in as an IAM user'}</h1>
        <ErrorBox error={error} />
        {mfaStep ? (
          <>
            <p>Your account is protected by multi-factor authentication. Enter the code your MFA device shows.</p>
            <Field label="MFA code" name="mfaCode" value={mfaCode} onInput={setMfaCode} inputMode="numeric" autoComplete="one-time-code" required />
          </>
        ) : (
          <>
            <Field label="Account ID (12 digits) or account alias" name="account" value={account} onInput={setAccount} autoComplete="organization" required />
            {root ? null : <Field label="IAM user name" name="userName" value={userName} onInput={setUserName} autoComplete="username" required />}
            <Field label="Password" name="password" type="password" value={password} onInput={setPassword} autoComplete="current-password" required />
          </>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {mfaStep ? 'Submit' : 'Sign in'}
        </button>
        <p class="signin-links">
          {root ? (
            <>
              <Link href="/console/signin">Sign in as an IAM user</Link> · <Link href="/console/forgot-password">Forgot password?</Link>
            </>
          ) : (
            <Link href="/console/signin/root">Sign in using root user email and password</Link>
          )}
        </p>
      </form>
    </main>
  );
}
