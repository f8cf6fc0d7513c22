// Security credentials of a user (or, without a user name, of the caller, root included):
// the console password, virtual MFA devices (assigned with the QR code and two consecutive
// codes) and access keys (the secret shown once, at creation, never again).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, callApi } from '../api.js';
import { ErrorBox } from './error-box.js';
import { useAction, useLoad } from './use-load.js';
import { Checkbox, Empty, Field, formatDate, ageInDays } from './ui.js';
import { ListTable } from './list-table.js';

const who = (userName: string | undefined): Record<string, string> => (userName === undefined ? {} : { UserName: userName });

export function ConsolePassword({ userName }: { userName: string }): JSX.Element {
  const profile = useLoad(
    () =>
      callApi<{ LoginProfile: { CreateDate?: string; PasswordResetRequired?: boolean } }>('iam', 'GetLoginProfile', { UserName: userName }).then(
        (o) => o.LoginProfile,
        (e: unknown) => {
          if (e instanceof ApiError && e.is('NoSuchEntity')) return null;
          throw e;
        },
      ),
    [userName],
  );
  const [password, setPassword] = useState('');
  const [reset, setReset] = useState(true);
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const exists = profile.data !== null && profile.data !== undefined;
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Console sign-in</h2>
      <ErrorBox error={profile.error ?? action.error} />
      <p class="console-access">
        Console access: <strong>{profile.data === undefined ? '…' : exists ? 'Enabled' : 'Disabled'}</strong>
        {exists && profile.data?.PasswordResetRequired === true ? ' (password reset required at next sign-in)' : ''}
      </p>
      {editing ? (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void action
              .run(() => callApi('iam', exists ? 'UpdateLoginProfile' : 'CreateLoginProfile', { UserName: userName, Password: password, PasswordResetRequired: reset }))
              .then((ok) => ok && (setEditing(false), setPassword(''), profile.reload()));
          }}
        >
          <Field label="Console password" name="consolePassword" type="password" value={password} onInput={setPassword} autoComplete="new-password" required />
          <Checkbox label="User must create a new password at next sign-in" checked={reset} onChange={setReset} name="requireReset" />
          <button type="submit" class="primary">
            {exists ? 'Update password' : 'Enable console access'}
          </button>{' '}
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div class="buttons">
          <button type="button" onClick={() => setEditing(true)}>
            {exists ? 'Manage console password' : 'Enable console access'}
          </button>
          {exists ? (
            <button type="button" onClick={() => action.run(() => callApi('iam', 'DeleteLoginProfile', { UserName: userName })).then(profile.reload)}>
              Disable console access
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

interface MfaDevice {
  readonly SerialNumber: string;
  readonly EnableDate?: string;
}

function base64ToText(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
}

export function MfaDevices({ userName, enableAs }: { userName?: string; enableAs: string }): JSX.Element {
  const list = useLoad(() => callApi<{ MFADevices?: MfaDevice[] }>('iam', 'ListMFADevices', who(userName)), [userName]);
  const [setup, setSetup] = useState<{ serial: string; qr?: string; seed?: string } | undefined>(undefined);
  const [deviceName, setDeviceName] = useState('');
  const [showSeed, setShowSeed] = useState(false);
  const [code1, setCode1] = useState('');
  const [code2, setCode2] = useState('');
  const action = useAction();
  const begin = (): Promise<boolean> =>
    action.run(async () => {
      const out = await callApi<{ VirtualMFADevice: { SerialNumber: string; QRCodePNG?: string; Base32StringSeed?: string } }>('iam', 'CreateVirtualMFADevice', {
        VirtualMFADeviceName: deviceName.trim(),
      });
      const d = out.VirtualMFADevice;
      setSetup({ serial: d.SerialNumber, ...(d.QRCodePNG === undefined ? {} : { qr: d.QRCodePNG }), ...(d.Base32StringSeed === undefined ? {} : { seed: base64ToText(d.Base32StringSeed) }) });
    });
  const finish = (): Promise<boolean> =>
    action.run(async () => {
      await callApi('iam', 'EnableMFADevice', { UserName: enableAs, SerialNumber: setup!.serial, AuthenticationCode1: code1.trim(), AuthenticationCode2: code2.trim() });
      setSetup(undefined);
      setCode1('');
      setCode2('');
      setDeviceName('');
      setShowSeed(false);
      list.reload();
    });
  return (
    <section aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Multi-factor authentication (MFA)</h2>
      <ErrorBox error={list.error ?? action.error} />
      {list.data?.MFADevices?.length ? (
        <ListTable class="mfa-devices" caption="MFA devices" columns={['Identifier', 'Assigned']} actions>
          {list.data.MFADevices.map((d) => (
            <tr>
              <td class="arn">{d.SerialNumber}</td>
              <td>{formatDate(d.EnableDate)}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    action
                      .run(async () => {
                        await callApi('iam', 'DeactivateMFADevice', { UserName: enableAs, SerialNumber: d.SerialNumber });
                        await callApi('iam', 'DeleteVirtualMFADevice', { SerialNumber: d.SerialNumber });
                      })
                      .then(list.reload)
                  }
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </ListTable>
      ) : list.data !== undefined ? (
        <Empty>No MFA devices assigned.</Empty>
      ) : null}
      {setup === undefined ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void begin();
          }}
        >
          <Field label="Device name" name="mfaDeviceName" value={deviceName} onInput={setDeviceName} hint="Letters, digits and +=,.@- only." required />
          <button type="submit" disabled={deviceName.trim() === ''}>
            Assign MFA device
          </button>
        </form>
      ) : (
        <form
          class="card mfa-setup"
          onSubmit={(e) => {
            e.preventDefault();
            void finish();
          }}
        >
          <h3>Set up the virtual MFA device</h3>
          <ol>
            <li>Install an authenticator app on your phone or computer.</li>
            <li>
              Scan the QR code with the app, or enter the secret key.
              {setup.qr !== undefined ? <img class="mfa-qr" alt="QR code for the virtual MFA device" src={`data:image/png;base64,${setup.qr}`} width={200} height={200} /> : null}
              <p>
                {showSeed ? (
                  <code class="mfa-secret">{setup.seed}</code>
                ) : (
                  <button type="button" onClick={() => setShowSeed(true)}>
                    Show secret key
                  </button>
                )}
              </p>
            </li>
            <li>Type two consecutive codes the app shows.</li>
          </ol>
          <Field label="MFA code 1" name="mfaCode1" value={code1} onInput={setCode1} inputMode="numeric" autoComplete="one-time-code" required />
          <Field label="MFA code 2" name="mfaCode2" value={code2} onInput={setCode2} inputMode="numeric" autoComplete="one-time-code" required />
          <button type="submit" class="primary">
            Add MFA
          </button>{' '}
          <button
            type="button"
            onClick={() => action.run(() => callApi('iam', 'DeleteVirtualMFADevice', { SerialNumber: setup.serial })).then(() => setSetup(undefined))}
          >
            Cancel
          </button>
        </form>
      )}
    </section>
  );
}

interface AccessKey {
  readonly AccessKeyId: string;
  readonly Status: string;
  readonly CreateDate?: string;
}

export function AccessKeys({ userName, root }: { userName?: string; root?: boolean }): JSX.Element {
  const list = useLoad(() => callApi<{ AccessKeyMetadata?: AccessKey[] }>('iam', 'ListAccessKeys', who(userName)), [userName]);
  const [created, setCreated] = useState<{ id: string; secret: string } | undefined>(undefined);
  const action = useAction();
  const keys = list.data?.AccessKeyMetadata ?? [];
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">Access keys</h2>
      {root === true ? (
        <p class="warning root-keys-advice" role="note">
          {keys.length > 0
            ? 'The root user has access keys. AWS advises against them: they can do anything in the account and cannot be limited by policies. Delete them and use IAM roles or users instead.'
            : 'The root user has no access keys, as AWS advises. Use IAM users or roles for programmatic access.'}
        </p>
      ) : null}
      <ErrorBox error={list.error ?? action.error} />
      {created !== undefined ? (
        <div class="card new-key" role="status">
          <h3>Access key created</h3>
          <p>This is the only time the secret access key can be viewed or downloaded. Store it now.</p>
          <dl class="facts">
            <dt>Access key</dt>
            <dd>
              <code class="new-key-id">{created.id}</code>
            </dd>
            <dt>Secret access key</dt>
            <dd>
              <code class="new-key-secret">{created.secret}</code>
            </dd>
          </dl>
          <a class="button" download={`${created.id}_accessKeys.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(`Access key ID,Secret access key\n${created.id},${created.secret}\n`)}`}>
            Download .csv file
          </a>{' '}
          <button type="button" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </div>
      ) : null}
      {keys.length ? (
        <ListTable class="access-keys" caption="Access keys" columns={['Access key ID', 'Status', 'Created']} actions>
          {keys.map((k) => {
            const age = ageInDays(k.CreateDate);
            return (
              <tr>
                <td>
                  <code>{k.AccessKeyId}</code>
                </td>
                <td>{k.Status}</td>
                <td>
                  {formatDate(k.CreateDate)}
                  {age !== undefined && age > 90 ? <span class="badge warn"> older than 90 days</span> : null}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => action.run(() => callApi('iam', 'UpdateAccessKey', { ...who(userName), AccessKeyId: k.AccessKeyId, Status: k.Status === 'Active' ? 'Inactive' : 'Active' })).then(list.reload)}
                  >
                    {k.Status === 'Active' ? 'Deactivate' : 'Activate'}
                  </button>{' '}
                  <button type="button" onClick={() => action.run(() => callApi('iam', 'DeleteAccessKey', { ...who(userName), AccessKeyId: k.AccessKeyId })).then(list.reload)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </ListTable>
      ) : list.data !== undefined ? (
        <Empty>No access keys.</Empty>
      ) : null}
      <button
        type="button"
        disabled={keys.length >= 2}
        onClick={() =>
          action
            .run(async () => {
              const out = await callApi<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>('iam', 'CreateAccessKey', who(userName));
              setCreated({ id: out.AccessKey.AccessKeyId, secret: out.AccessKey.SecretAccessKey });
            })
            .then(list.reload)
        }
      >
        Create access key
      </button>
    </section>
  );
}
