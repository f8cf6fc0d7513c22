// My security credentials: the signed-in principal's own password, MFA devices and access
// keys. For the root user, root's MFA devices and root access keys with AWS's advice to
// delete them; for a role or federated session, what it is and that it has none of these.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { changePassword } from '../api.js';
import { AccessKeys, MfaDevices } from '../components/credentials-panels.js';
import { ErrorBox } from '../components/error-box.js';
import { useAction } from '../components/use-load.js';
import { Field, PageHeader } from '../components/ui.js';
import { useSession } from '../session.js';

export function SecurityCredentialsPage(): JSX.Element {
  const { session } = useSession();
  if (!session.signedIn) return <></>;
  const p = session.principal;
  if (p.type === 'AssumedRole' || p.type === 'FederatedUser')
    return (
      <>
        <PageHeader title="My security credentials" />
        <p>
          You are signed in with temporary credentials of <code>{p.arn}</code>. They expire at {session.expiresAt}; sessions have no password, MFA devices or access keys of
          their own.
        </p>
      </>
    );
  const root = p.type === 'Root';
  return (
    <>
      <PageHeader title={root ? 'My security credentials (root user)' : 'My security credentials'} />
      {root ? (
        <p class="warning" role="note">
          You are signed in as the root user. AWS recommends using the root user only for the few tasks that require it, protecting it with MFA, and having no root access keys.
        </p>
      ) : null}
      <OwnPassword />
      <MfaDevices enableAs={root ? p.accountId : p.userName ?? ''} />
      <AccessKeys root={root} />
    </>
  );
}

function OwnPassword(): JSX.Element {
  const { setSession } = useSession();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  return (
    <section aria-labelledby="own-password-heading">
      <h2 id="own-password-heading">Console password</h2>
      <ErrorBox error={action.error} />
      {done ? (
        <p role="status" class="success">
          Your password was changed.
        </p>
      ) : null}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            setSession(await changePassword(oldPassword, newPassword));
            setOld('');
            setNew('');
            setDone(true);
          });
        }}
      >
        <Field label="Current password" name="currentPassword" type="password" value={oldPassword} onInput={setOld} autoComplete="current-password" required />
        <Field label="New password" name="newPassword" type="password" value={newPassword} onInput={setNew} autoComplete="new-password" required />
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}
