// Roles: the list with a create form (name and trust policy), and one role's trust
// relationships, permissions, boundary, tags, access advisor, and "Revoke active sessions"
// (AWS's inline deny of tokens issued before now, on aws:TokenIssueTime).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi, searchApi } from '../api.js';
import { DetailHeader } from '../components/detail-header.js';
import { AccessAdvisor } from '../components/access-advisor.js';
import { ErrorBox } from '../components/error-box.js';
import { iamPage, PAGE_SIZE, PagedList } from '../components/paged-list.js';
import { PolicyEditor } from '../components/policy-editor.js';
import { AttachedPolicies, InlinePolicies, PermissionsBoundary } from '../components/policy-panels.js';
import { Tabs } from '../components/tabs.js';
import { TagsPanel } from '../components/tags-panel.js';
import { useAction, useLoad } from '../components/use-load.js';
import { decodePolicy, Field, formatDate, Loading, PageHeader } from '../components/ui.js';
import { Link, navigate } from '../router.js';
import { usePrincipal } from '../session.js';

interface Role {
  readonly RoleName: string;
  readonly RoleId: string;
  readonly Arn: string;
  readonly Path?: string;
  readonly CreateDate?: string;
  readonly Description?: string;
  readonly MaxSessionDuration?: number;
  readonly AssumeRolePolicyDocument?: string;
  readonly PermissionsBoundary?: { PermissionsBoundaryArn?: string };
  readonly RoleLastUsed?: { LastUsedDate?: string };
}

/** The policy AWS's console attaches when you revoke a role's active sessions. */
export function revokeSessionsPolicy(now: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': now.toISOString().replace(/\.\d+Z$/, 'Z') } } }],
  });
}

export function RolesPage(): JSX.Element {
  const principal = usePrincipal();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [trust, setTrust] = useState(() =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${principal?.accountId ?? '123456789012'}:root` }, Action: 'sts:AssumeRole' }] }, null, 2),
  );
  const action = useAction();
  return (
    <>
      <PageHeader title="Roles">
        <button type="button" class="primary" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          Create role
        </button>
      </PageHeader>
      {creating ? (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(() => callApi('iam', 'CreateRole', { RoleName: name.trim(), AssumeRolePolicyDocument: trust })).then((ok) => ok && navigate(`/console/roles/${encodeURIComponent(name.trim())}`));
          }}
        >
          <Field label="Role name" name="roleName" value={name} onInput={setName} required />
          <PolicyEditor label="Trust policy" value={trust} onChange={setTrust} policyType="RESOURCE_POLICY" />
          <ErrorBox error={action.error} />
          <button type="submit" class="primary">
            Create role
          </button>
        </form>
      ) : null}
      <PagedList<Role>
        caption="Roles"
        load={async (marker) => {
          const out = await callApi('iam', 'ListRoles', { MaxItems: PAGE_SIZE, ...(marker === undefined ? {} : { Marker: marker }) });
          return iamPage(out, out.Roles as Role[]);
        }}
        search={async (contains, marker) => {
          const out = await searchApi('roles', contains, marker);
          return iamPage(out, out.Roles as Role[]);
        }}
        searchLabel="Search all roles by name"
        text={(r) => `${r.RoleName} ${r.Description ?? ''}`}
        rowKey={(r) => r.RoleId}
        columns={[
          { header: 'Role name', cell: (r) => <Link href={`/console/roles/${encodeURIComponent(r.RoleName)}`}>{r.RoleName}</Link> },
          { header: 'Path', cell: (r) => r.Path ?? '/' },
          { header: 'Created', cell: (r) => formatDate(r.CreateDate) },
          { header: 'Description', cell: (r) => r.Description ?? '' },
        ]}
      />
    </>
  );
}

const TABS = [
  { id: 'permissions', label: 'Permissions' },
  { id: 'trust', label: 'Trust relationships' },
  { id: 'tags', label: 'Tags' },
  { id: 'advisor', label: 'Access advisor' },
  { id: 'sessions', label: 'Revoke sessions' },
] as const;

export function RoleDetailPage({ name }: { name: string }): JSX.Element {
  const [tab, setTab] = useState('permissions');
  const role = useLoad(() => callApi<{ Role: Role }>('iam', 'GetRole', { RoleName: name }).then((o) => o.Role), [name]);
  return (
    <>
      <DetailHeader
        title={name}
        list={{ href: '/console/roles', label: 'Roles' }}
        remove={{ question: `Delete role ${name}?`, call: () => callApi('iam', 'DeleteRole', { RoleName: name }) }}
        error={role.error}
      />
      {role.data === undefined ? (
        role.loading ? <Loading what="role" /> : null
      ) : (
        <>
          <section class="card" aria-label="Summary">
            <dl class="facts">
              <dt>ARN</dt>
              <dd class="arn">{role.data.Arn}</dd>
              <dt>Created</dt>
              <dd>{formatDate(role.data.CreateDate)}</dd>
              <dt>Last used</dt>
              <dd>{role.data.RoleLastUsed?.LastUsedDate === undefined ? 'Never' : formatDate(role.data.RoleLastUsed.LastUsedDate)}</dd>
              <dt>Maximum session duration</dt>
              <dd>{Math.round((role.data.MaxSessionDuration ?? 3600) / 3600)} hour(s)</dd>
            </dl>
          </section>
          <Tabs label="Role details" tabs={TABS} selected={tab} onSelect={setTab}>
            {tab === 'permissions' ? (
              <>
                <AttachedPolicies kind="Role" name={name} />
                <InlinePolicies kind="Role" name={name} />
                <PermissionsBoundary kind="Role" name={name} current={role.data.PermissionsBoundary?.PermissionsBoundaryArn} onChange={role.reload} />
              </>
            ) : tab === 'trust' ? (
              <TrustPolicy name={name} document={decodePolicy(role.data.AssumeRolePolicyDocument)} onSaved={role.reload} />
            ) : tab === 'tags' ? (
              <TagsPanel kind="Role" keyName="RoleName" keyValue={name} />
            ) : tab === 'advisor' ? (
              <AccessAdvisor arn={role.data.Arn} />
            ) : (
              <RevokeSessions name={name} />
            )}
          </Tabs>
        </>
      )}
    </>
  );
}

function TrustPolicy({ name, document: doc, onSaved }: { name: string; document: string; onSaved: () => void }): JSX.Element {
  const [text, setText] = useState(doc);
  const action = useAction();
  return (
    <section aria-labelledby="trust-heading">
      <h2 id="trust-heading">Trusted entities</h2>
      <ErrorBox error={action.error} />
      <PolicyEditor label="Trust policy" value={text} onChange={setText} policyType="RESOURCE_POLICY" />
      <button type="button" class="primary" disabled={text === doc} onClick={() => action.run(() => callApi('iam', 'UpdateAssumeRolePolicy', { RoleName: name, PolicyDocument: text })).then(onSaved)}>
        Update trust policy
      </button>
    </section>
  );
}

function RevokeSessions({ name }: { name: string }): JSX.Element {
  const action = useAction();
  const [done, setDone] = useState<string | undefined>(undefined);
  return (
    <section aria-labelledby="revoke-heading">
      <h2 id="revoke-heading">Revoke active sessions</h2>
      <p>
        Denies every permission to sessions of this role issued before now, with an inline policy named <code>AWSRevokeOlderSessions</code> (a deny on{' '}
        <code>aws:TokenIssueTime</code>). New sessions are not affected. Sessions obtained with the role's credentials must be re-created.
      </p>
      <ErrorBox error={action.error} />
      {done !== undefined ? (
        <p role="status" class="success">
          Sessions issued before {done} are revoked.
        </p>
      ) : null}
      <button
        type="button"
        class="danger"
        onClick={() => {
          const now = new Date();
          void action.run(() => callApi('iam', 'PutRolePolicy', { RoleName: name, PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: revokeSessionsPolicy(now) })).then((ok) => ok && setDone(now.toISOString()));
        }}
      >
        Revoke active sessions
      </button>
    </section>
  );
}
