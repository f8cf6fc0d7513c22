// User groups: the list with a create form, and one group's members and permissions.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi, searchApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { DetailHeader } from '../components/detail-header.js';
import { iamPage, PAGE_SIZE, PagedList } from '../components/paged-list.js';
import { AttachedPolicies, InlinePolicies } from '../components/policy-panels.js';
import { Tabs } from '../components/tabs.js';
import { useAction, useLoad } from '../components/use-load.js';
import { Empty, Field, formatDate, Loading, PageHeader } from '../components/ui.js';
import { Link, navigate } from '../router.js';

interface Group {
  readonly GroupName: string;
  readonly GroupId: string;
  readonly Arn: string;
  readonly CreateDate?: string;
}

export function GroupsPage(): JSX.Element {
  const [name, setName] = useState('');
  const [tick, setTick] = useState(0);
  const action = useAction();
  return (
    <>
      <PageHeader title="User groups" />
      <form
        class="inline-form card"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => callApi('iam', 'CreateGroup', { GroupName: name.trim() })).then((ok) => ok && navigate(`/console/groups/${encodeURIComponent(name.trim())}`));
        }}
      >
        <Field label="New group name" name="groupName" value={name} onInput={setName} required />
        <button type="submit" class="primary">
          Create group
        </button>
      </form>
      <ErrorBox error={action.error} />
      <PagedList<Group>
        caption="User groups"
        reloadKey={tick}
        load={async (marker) => {
          const out = await callApi('iam', 'ListGroups', { MaxItems: PAGE_SIZE, ...(marker === undefined ? {} : { Marker: marker }) });
          return iamPage(out, out.Groups as Group[]);
        }}
        search={async (contains, marker) => {
          const out = await searchApi('groups', contains, marker);
          return iamPage(out, out.Groups as Group[]);
        }}
        searchLabel="Search all groups by name"
        text={(g) => g.GroupName}
        rowKey={(g) => g.GroupId}
        columns={[
          { header: 'Group name', cell: (g) => <Link href={`/console/groups/${encodeURIComponent(g.GroupName)}`}>{g.GroupName}</Link> },
          { header: 'Created', cell: (g) => formatDate(g.CreateDate) },
          {
            header: 'Actions',
            cell: (g) => (
              <button type="button" aria-label={`Delete ${g.GroupName}`} onClick={() => action.run(() => callApi('iam', 'DeleteGroup', { GroupName: g.GroupName })).then(() => setTick(tick + 1))}>
                Delete
              </button>
            ),
          },
        ]}
      />
    </>
  );
}

const TABS = [
  { id: 'users', label: 'Users' },
  { id: 'permissions', label: 'Permissions' },
] as const;

export function GroupDetailPage({ name }: { name: string }): JSX.Element {
  const [tab, setTab] = useState('users');
  const group = useLoad(() => callApi<{ Group: Group; Users?: { UserName: string }[] }>('iam', 'GetGroup', { GroupName: name, MaxItems: 1000 }), [name]);
  const [userName, setUserName] = useState('');
  const action = useAction();
  return (
    <>
      <DetailHeader title={name} list={{ href: '/console/groups', label: 'User groups' }} error={group.error ?? action.error} />
      {group.data === undefined ? (
        group.loading ? <Loading what="group" /> : null
      ) : (
        <>
          <section class="card" aria-label="Summary">
            <dl class="facts">
              <dt>ARN</dt>
              <dd class="arn">{group.data.Group.Arn}</dd>
              <dt>Created</dt>
              <dd>{formatDate(group.data.Group.CreateDate)}</dd>
            </dl>
          </section>
          <Tabs label="Group details" tabs={TABS} selected={tab} onSelect={setTab}>
            {tab === 'users' ? (
              <section aria-labelledby="members-heading">
                <h2 id="members-heading">Users in this group</h2>
                {group.data.Users?.length ? (
                  <ul class="members">
                    {group.data.Users.map((u) => (
                      <li>
                        <Link href={`/console/users/${encodeURIComponent(u.UserName)}`}>{u.UserName}</Link>{' '}
                        <button type="button" onClick={() => action.run(() => callApi('iam', 'RemoveUserFromGroup', { GroupName: name, UserName: u.UserName })).then(group.reload)}>
                          Remove
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Empty>No users.</Empty>
                )}
                <form
                  class="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void action.run(() => callApi('iam', 'AddUserToGroup', { GroupName: name, UserName: userName.trim() })).then((ok) => ok && (setUserName(''), group.reload()));
                  }}
                >
                  <Field label="User name to add" name="memberName" value={userName} onInput={setUserName} required />
                  <button type="submit">Add user</button>
                </form>
              </section>
            ) : (
              <>
                <AttachedPolicies kind="Group" name={name} />
                <InlinePolicies kind="Group" name={name} />
              </>
            )}
          </Tabs>
        </>
      )}
    </>
  );
}
