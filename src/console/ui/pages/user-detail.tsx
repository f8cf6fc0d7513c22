// One user: summary, then tabs for permissions (managed, inline, boundary), groups, tags,
// security credentials (console password, MFA, access keys) and access advisor; delete.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { DetailHeader } from '../components/detail-header.js';
import { AccessAdvisor } from '../components/access-advisor.js';
import { AccessKeys, ConsolePassword, MfaDevices } from '../components/credentials-panels.js';
import { ErrorBox } from '../components/error-box.js';
import { AttachedPolicies, InlinePolicies, PermissionsBoundary } from '../components/policy-panels.js';
import { Tabs } from '../components/tabs.js';
import { TagsPanel } from '../components/tags-panel.js';
import { useAction, useLoad } from '../components/use-load.js';
import { Empty, formatDate, Loading } from '../components/ui.js';
import { Link, useLocation } from '../router.js';
import type { IamUser } from './users.js';

const TABS = [
  { id: 'permissions', label: 'Permissions' },
  { id: 'groups', label: 'Groups' },
  { id: 'tags', label: 'Tags' },
  { id: 'credentials', label: 'Security credentials' },
  { id: 'advisor', label: 'Access advisor' },
] as const;

export function UserDetailPage({ name }: { name: string }): JSX.Element {
  const { query } = useLocation();
  const [tab, setTab] = useState(query.get('tab') ?? 'permissions');
  const user = useLoad(() => callApi<{ User: IamUser }>('iam', 'GetUser', { UserName: name }).then((o) => o.User), [name]);
  return (
    <>
      <DetailHeader
        title={name}
        list={{ href: '/console/users', label: 'Users' }}
        remove={{ question: `Delete user ${name}?`, call: () => callApi('iam', 'DeleteUser', { UserName: name }) }}
        error={user.error}
      />
      {user.data === undefined ? (
        user.loading ? <Loading what="user" /> : null
      ) : (
        <>
          <section class="card" aria-label="Summary">
            <dl class="facts">
              <dt>ARN</dt>
              <dd class="arn">{user.data.Arn}</dd>
              <dt>Created</dt>
              <dd>{formatDate(user.data.CreateDate)}</dd>
              <dt>Console last sign-in</dt>
              <dd>{user.data.PasswordLastUsed === undefined ? 'Never' : formatDate(user.data.PasswordLastUsed)}</dd>
            </dl>
          </section>
          <Tabs label="User details" tabs={TABS} selected={tab} onSelect={setTab}>
            {tab === 'permissions' ? (
              <>
                <AttachedPolicies kind="User" name={name} />
                <InlinePolicies kind="User" name={name} />
                <PermissionsBoundary kind="User" name={name} current={user.data.PermissionsBoundary?.PermissionsBoundaryArn} onChange={user.reload} />
              </>
            ) : tab === 'groups' ? (
              <UserGroups name={name} />
            ) : tab === 'tags' ? (
              <TagsPanel kind="User" keyName="UserName" keyValue={name} />
            ) : tab === 'credentials' ? (
              <>
                <ConsolePassword userName={name} />
                <MfaDevices userName={name} enableAs={name} />
                <AccessKeys userName={name} />
              </>
            ) : (
              <AccessAdvisor arn={user.data.Arn} />
            )}
          </Tabs>
        </>
      )}
    </>
  );
}

function UserGroups({ name }: { name: string }): JSX.Element {
  const groups = useLoad(() => callApi<{ Groups?: { GroupName: string; Arn: string }[] }>('iam', 'ListGroupsForUser', { UserName: name }), [name]);
  const all = useLoad(() => callApi<{ Groups?: { GroupName: string }[] }>('iam', 'ListGroups', { MaxItems: 1000 }).catch(() => ({ Groups: [] })), []);
  const [pick, setPick] = useState('');
  const action = useAction();
  const member = new Set((groups.data?.Groups ?? []).map((g) => g.GroupName));
  const choices = (all.data?.Groups ?? []).filter((g) => !member.has(g.GroupName));
  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">Groups</h2>
      <ErrorBox error={groups.error ?? action.error} />
      {groups.data?.Groups?.length ? (
        <ul class="user-groups">
          {groups.data.Groups.map((g) => (
            <li>
              <Link href={`/console/groups/${encodeURIComponent(g.GroupName)}`}>{g.GroupName}</Link>{' '}
              <button type="button" onClick={() => action.run(() => callApi('iam', 'RemoveUserFromGroup', { UserName: name, GroupName: g.GroupName })).then(groups.reload)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : groups.data !== undefined ? (
        <Empty>Not in any group.</Empty>
      ) : null}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (pick !== '') void action.run(() => callApi('iam', 'AddUserToGroup', { UserName: name, GroupName: pick })).then(groups.reload);
        }}
      >
        <label for="add-to-group">Add to group</label>
        <select id="add-to-group" value={pick} onChange={(e) => setPick((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">Choose a group</option>
          {choices.map((g) => (
            <option value={g.GroupName}>{g.GroupName}</option>
          ))}
        </select>
        <button type="submit" disabled={pick === ''}>
          Add
        </button>
      </form>
    </section>
  );
}
