// AWS's "Add users" wizard: user details (name, console password, reset at next sign-in),
// permissions (add to groups, or attach policies directly), tags, review; then the calls in
// AWS's order: CreateUser (with tags), CreateLoginProfile, AddUserToGroup / AttachUserPolicy.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useAction, useLoad } from '../components/use-load.js';
import { Checkbox, Field, PageHeader } from '../components/ui.js';
import { Link } from '../router.js';

const STEPS = ['User details', 'Permissions', 'Tags', 'Review and create'] as const;

export function AddUserPage(): JSX.Element {
  const [step, setStep] = useState(0);
  const [userName, setUserName] = useState('');
  const [consoleAccess, setConsoleAccess] = useState(true);
  const [password, setPassword] = useState('');
  const [requireReset, setRequireReset] = useState(true);
  const [groups, setGroups] = useState<string[]>([]);
  const [policyArn, setPolicyArn] = useState('');
  const [tags, setTags] = useState<{ Key: string; Value: string }[]>([]);
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const [done, setDone] = useState(false);
  const all = useLoad(() => callApi<{ Groups?: { GroupName: string }[] }>('iam', 'ListGroups', { MaxItems: 1000 }), []);
  const action = useAction();

  const create = (): Promise<boolean> =>
    action.run(async () => {
      await callApi('iam', 'CreateUser', { UserName: userName, ...(tags.length ? { Tags: tags } : {}) });
      if (consoleAccess) await callApi('iam', 'CreateLoginProfile', { UserName: userName, Password: password, PasswordResetRequired: requireReset });
      for (const g of groups) await callApi('iam', 'AddUserToGroup', { UserName: userName, GroupName: g });
      if (policyArn.trim() !== '') await callApi('iam', 'AttachUserPolicy', { UserName: userName, PolicyArn: policyArn.trim() });
      setDone(true);
    });

  if (done)
    return (
      <>
        <PageHeader title="User created" />
        <p role="status" class="success">
          User <Link href={`/console/users/${encodeURIComponent(userName)}`}>{userName}</Link> was created.
          {consoleAccess ? ` They sign in to the console with the user name ${userName}${requireReset ? ' and must choose a new password at the first sign-in' : ''}.` : ''}
        </p>
        <Link href="/console/users">Back to users</Link>
      </>
    );

  return (
    <>
      <PageHeader title="Add users" />
      <ol class="wizard-steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li aria-current={i === step ? 'step' : undefined} class={i === step ? 'current' : ''}>
            Step {i + 1}: {s}
          </li>
        ))}
      </ol>
      <ErrorBox error={action.error} />
      <form
        class="card wizard"
        onSubmit={(e) => {
          e.preventDefault();
          if (step < STEPS.length - 1) setStep(step + 1);
          else void create();
        }}
      >
        <h2>{STEPS[step]}</h2>
        {step === 0 ? (
          <>
            <Field label="User name" name="userName" value={userName} onInput={setUserName} required hint="Up to 64 letters, digits and +=,.@_-" />
            <Checkbox label="Provide user access to the console" checked={consoleAccess} onChange={setConsoleAccess} name="consoleAccess" />
            {consoleAccess ? (
              <>
                <Field label="Console password" name="password" type="password" value={password} onInput={setPassword} autoComplete="new-password" required />
                <Checkbox label="Users must create a new password at next sign-in" checked={requireReset} onChange={setRequireReset} name="requireReset" />
              </>
            ) : null}
          </>
        ) : step === 1 ? (
          <>
            <fieldset>
              <legend>Add user to groups</legend>
              {(all.data?.Groups ?? []).length === 0 ? <p class="muted">No groups yet.</p> : null}
              {(all.data?.Groups ?? []).map((g) => (
                <Checkbox
                  label={g.GroupName}
                  name={`group-${g.GroupName}`}
                  checked={groups.includes(g.GroupName)}
                  onChange={(on) => setGroups(on ? [...groups, g.GroupName] : groups.filter((x) => x !== g.GroupName))}
                />
              ))}
            </fieldset>
            <ErrorBox error={all.error} />
            <Field label="Or attach a policy directly (ARN)" name="policyArn" value={policyArn} onInput={setPolicyArn} placeholder="arn:aws:iam::aws:policy/ReadOnlyAccess" />
          </>
        ) : step === 2 ? (
          <>
            {tags.length ? (
              <ul class="tags">
                {tags.map((t) => (
                  <li>
                    {t.Key} = {t.Value}{' '}
                    <button type="button" onClick={() => setTags(tags.filter((x) => x !== t))}>
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">No tags.</p>
            )}
            <Field label="Tag key" name="tagKey" value={tagKey} onInput={setTagKey} />
            <Field label="Tag value" name="tagValue" value={tagValue} onInput={setTagValue} />
            <button
              type="button"
              disabled={tagKey === ''}
              onClick={() => {
                setTags([...tags, { Key: tagKey, Value: tagValue }]);
                setTagKey('');
                setTagValue('');
              }}
            >
              Add tag
            </button>
          </>
        ) : (
          <dl class="facts review">
            <dt>User name</dt>
            <dd>{userName}</dd>
            <dt>Console password</dt>
            <dd>{consoleAccess ? `Custom password${requireReset ? ', reset required' : ''}` : 'None'}</dd>
            <dt>Groups</dt>
            <dd>{groups.length ? groups.join(', ') : 'None'}</dd>
            <dt>Policy</dt>
            <dd>{policyArn.trim() || 'None'}</dd>
            <dt>Tags</dt>
            <dd>{tags.length ? tags.map((t) => `${t.Key}=${t.Value}`).join(', ') : 'None'}</dd>
          </dl>
        )}
        <div class="buttons">
          {step > 0 ? (
            <button type="button" onClick={() => setStep(step - 1)}>
              Previous
            </button>
          ) : (
            <Link href="/console/users" class="button">
              Cancel
            </Link>
          )}
          <button type="submit" class="primary" disabled={action.busy}>
            {step < STEPS.length - 1 ? 'Next' : 'Create user'}
          </button>
        </div>
      </form>
    </>
  );
}
