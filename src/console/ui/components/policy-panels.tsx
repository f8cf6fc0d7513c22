// The permission tabs users, groups and roles share: attached managed policies (attach by
// ARN, detach), inline policies (view, edit in the policy editor, delete) and the
// permissions boundary. Each is the IAM call for that kind of identity.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { Link } from '../router.js';
import { ErrorBox } from './error-box.js';
import { PolicyEditor } from './policy-editor.js';
import { useAction, useLoad } from './use-load.js';
import { decodePolicy, Empty, Field, Loading } from './ui.js';
import { ListTable } from './list-table.js';

export type IdentityKind = 'User' | 'Group' | 'Role';

interface Attached {
  readonly PolicyName: string;
  readonly PolicyArn: string;
}

export function policyHref(arn: string): string {
  return `/console/policies/${encodeURIComponent(arn)}`;
}

export function AttachedPolicies({ kind, name }: { kind: IdentityKind; name: string }): JSX.Element {
  const key = { [`${kind}Name`]: name };
  const list = useLoad(() => callApi<{ AttachedPolicies?: Attached[] }>('iam', `ListAttached${kind}Policies`, key), [kind, name]);
  const [arn, setArn] = useState('');
  const action = useAction();
  return (
    <section aria-labelledby="attached-heading">
      <h2 id="attached-heading">Attached managed policies</h2>
      <ErrorBox error={list.error ?? action.error} />
      {list.data === undefined ? (
        list.loading ? <Loading /> : null
      ) : list.data.AttachedPolicies?.length ? (
        <ListTable class="attached-policies" caption="Attached managed policies" columns={['Policy name', 'ARN']} actions>
          {list.data.AttachedPolicies.map((p) => (
            <tr>
              <td>
                <Link href={policyHref(p.PolicyArn)}>{p.PolicyName}</Link>
              </td>
              <td class="arn">{p.PolicyArn}</td>
              <td>
                <button type="button" aria-label={`Detach ${p.PolicyName}`} onClick={() => action.run(() => callApi('iam', `Detach${kind}Policy`, { ...key, PolicyArn: p.PolicyArn })).then(list.reload)}>
                  Detach
                </button>
              </td>
            </tr>
          ))}
        </ListTable>
      ) : (
        <Empty>No managed policies attached.</Empty>
      )}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => callApi('iam', `Attach${kind}Policy`, { ...key, PolicyArn: arn.trim() })).then((ok) => {
            if (ok) setArn('');
            list.reload();
          });
        }}
      >
        <Field label="Policy ARN to attach" name="attachArn" value={arn} onInput={setArn} placeholder="arn:aws:iam::aws:policy/ReadOnlyAccess" />
        <button type="submit" disabled={action.busy || arn.trim() === ''}>
          Attach policy
        </button>
      </form>
    </section>
  );
}

export function InlinePolicies({ kind, name }: { kind: IdentityKind; name: string }): JSX.Element {
  const key = { [`${kind}Name`]: name };
  const list = useLoad(() => callApi<{ PolicyNames?: string[] }>('iam', `List${kind}Policies`, key), [kind, name]);
  const [open, setOpen] = useState<{ name: string; text: string } | undefined>(undefined);
  const action = useAction();
  const edit = async (policyName: string): Promise<void> => {
    const out = await callApi<{ PolicyDocument?: string }>('iam', `Get${kind}Policy`, { ...key, PolicyName: policyName });
    setOpen({ name: policyName, text: decodePolicy(out.PolicyDocument) });
  };
  return (
    <section aria-labelledby="inline-heading">
      <h2 id="inline-heading">Inline policies</h2>
      <ErrorBox error={list.error ?? action.error} />
      {list.data?.PolicyNames?.length ? (
        <ul class="inline-policies">
          {list.data.PolicyNames.map((p) => (
            <li>
              <span>{p}</span>{' '}
              <button type="button" onClick={() => action.run(() => edit(p))}>
                Edit
              </button>{' '}
              <button type="button" onClick={() => action.run(() => callApi('iam', `Delete${kind}Policy`, { ...key, PolicyName: p })).then(list.reload)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : list.data !== undefined ? (
        <Empty>No inline policies.</Empty>
      ) : null}
      {open === undefined ? (
        <button type="button" onClick={() => setOpen({ name: '', text: EMPTY_POLICY })}>
          Create inline policy
        </button>
      ) : (
        <InlineEditor
          key={open.name}
          initial={open}
          onCancel={() => setOpen(undefined)}
          onSave={async (policyName, text) => {
            const ok = await action.run(() => callApi('iam', `Put${kind}Policy`, { ...key, PolicyName: policyName, PolicyDocument: text }));
            if (ok) {
              setOpen(undefined);
              list.reload();
            }
          }}
        />
      )}
    </section>
  );
}

export const EMPTY_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }, null, 2);

function InlineEditor(props: { initial: { name: string; text: string }; onCancel: () => void; onSave: (name: string, text: string) => Promise<void> }): JSX.Element {
  const [name, setName] = useState(props.initial.name);
  const [text, setText] = useState(props.initial.text);
  return (
    <div class="card">
      <Field label="Policy name" name="inlinePolicyName" value={name} onInput={setName} required />
      <PolicyEditor label="Policy document" value={text} onChange={setText} policyType="IDENTITY_POLICY" />
      <div class="buttons">
        <button type="button" class="primary" onClick={() => props.onSave(name, text)}>
          Save inline policy
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function PermissionsBoundary({ kind, name, current, onChange }: { kind: 'User' | 'Role'; name: string; current?: string; onChange: () => void }): JSX.Element {
  const [arn, setArn] = useState('');
  const action = useAction();
  const key = { [`${kind}Name`]: name };
  return (
    <section aria-labelledby="boundary-heading">
      <h2 id="boundary-heading">Permissions boundary</h2>
      <ErrorBox error={action.error} />
      {current !== undefined ? (
        <p>
          <Link href={policyHref(current)} class="boundary-arn">
            {current}
          </Link>{' '}
          <button type="button" onClick={() => action.run(() => callApi('iam', `Delete${kind}PermissionsBoundary`, key)).then(onChange)}>
            Remove boundary
          </button>
        </p>
      ) : (
        <Empty>No permissions boundary: the identity's policies alone set its maximum permissions.</Empty>
      )}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => callApi('iam', `Put${kind}PermissionsBoundary`, { ...key, PermissionsBoundary: arn.trim() })).then((ok) => ok && (setArn(''), onChange()));
        }}
      >
        <Field label="Managed policy ARN for the boundary" name="boundaryArn" value={arn} onInput={setArn} />
        <button type="submit" disabled={arn.trim() === ''}>
          Set boundary
        </button>
      </form>
    </section>
  );
}
