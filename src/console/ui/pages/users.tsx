// Users: the list (paged with IAM's Marker; the search finds users across the whole account),
// linking each user's detail.
import type { JSX } from 'preact';
import { callApi, searchApi } from '../api.js';
import { iamPage, PAGE_SIZE, PagedList } from '../components/paged-list.js';
import { formatDate, PageHeader } from '../components/ui.js';
import { Link } from '../router.js';

export interface IamUser {
  readonly UserName: string;
  readonly UserId: string;
  readonly Arn: string;
  readonly Path?: string;
  readonly CreateDate?: string;
  readonly PasswordLastUsed?: string;
  readonly PermissionsBoundary?: { PermissionsBoundaryArn?: string };
}

export function UsersPage(): JSX.Element {
  return (
    <>
      <PageHeader title="Users">
        <Link class="button primary" href="/console/users/create">
          Add users
        </Link>
      </PageHeader>
      <PagedList<IamUser>
        caption="Users"
        load={async (marker) => {
          const out = await callApi('iam', 'ListUsers', { MaxItems: PAGE_SIZE, ...(marker === undefined ? {} : { Marker: marker }) });
          return iamPage(out, out.Users as IamUser[]);
        }}
        search={async (contains, marker) => {
          const out = await searchApi('users', contains, marker);
          return iamPage(out, out.Users as IamUser[]);
        }}
        searchLabel="Search all users by name"
        text={(u) => `${u.UserName} ${u.Arn}`}
        rowKey={(u) => u.UserId}
        columns={[
          { header: 'User name', cell: (u) => <Link href={`/console/users/${encodeURIComponent(u.UserName)}`}>{u.UserName}</Link> },
          { header: 'Path', cell: (u) => u.Path ?? '/' },
          { header: 'Created', cell: (u) => formatDate(u.CreateDate) },
          { header: 'Console last sign-in', cell: (u) => (u.PasswordLastUsed === undefined ? 'Never' : formatDate(u.PasswordLastUsed)) },
        ]}
      />
    </>
  );
}
