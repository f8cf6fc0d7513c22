// Policies: the list (scope filter: all, AWS managed, customer managed; paged), the create
// page with the policy editor, and one policy's detail: document, versions with a diff
// between two of them, set default, a new version from the editor, entities attached.
import { diffLines } from 'diff';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi, searchApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { DetailHeader } from '../components/detail-header.js';
import { iamPage, PAGE_SIZE, PagedList } from '../components/paged-list.js';
import { PolicyEditor } from '../components/policy-editor.js';
import { EMPTY_POLICY, policyHref } from '../components/policy-panels.js';
import { Tabs } from '../components/tabs.js';
import { TagsPanel } from '../components/tags-panel.js';
import { useAction, useLoad } from '../components/use-load.js';
import { Checkbox, decodePolicy, Field, formatDate, Loading, PageHeader } from '../components/ui.js';
import { Link, navigate } from '../router.js';
import { ListTable } from '../components/list-table.js';

interface Policy {
  readonly PolicyName: string;
  readonly PolicyId: string;
  readonly Arn: string;
  readonly DefaultVersionId?: string;
  readonly AttachmentCount?: number;
  readonly Description?: string;
  readonly CreateDate?: string;
  readonly UpdateDate?: string;
}

interface Version {
  readonly VersionId: string;
  readonly IsDefaultVersion: boolean;
  readonly CreateDate?: string;
  readonly Document?: string;
}

export function PoliciesPage(): JSX.Element {
  const [scope, setScope] = useState<'All' | 'AWS' | 'Local'>('Local');
  const [attached, setAttached] = useState(false);
  return (
    <>
      <PageHeader title="Policies">
        <Link class="button primary" href="/console/policies/create">
          Create policy
        </Link>
      </PageHeader>
      <div class="list-tools">
        <label for="policy-scope">Type</label>
        <select id="policy-scope" value={scope} onChange={(e) => setScope((e.currentTarget as HTMLSelectElement).value as 'All')}>
          <option value="Local">Customer managed</option>
          <option value="AWS">AWS managed</option>
          <option value="All">All</option>
        </select>
        <Checkbox label="Only attached policies" checked={attached} onChange={setAttached} name="onlyAttached" />
      </div>
      <PagedList<Policy>
        key={`${scope}-${attached}`}
        caption="Policies"
        load={async (marker) => {
          const out = await callApi('iam', 'ListPolicies', { Scope: scope, OnlyAttached: attached, MaxItems: PAGE_SIZE, ...(marker === undefined ? {} : { Marker: marker }) });
          return iamPage(out, out.Policies as Policy[]);
        }}
        search={async (contains, marker) => {
          const out = await searchApi('policies', contains, marker, { scope, onlyAttached: String(attached) });
          return iamPage(out, out.Policies as Policy[]);
        }}
        searchLabel="Search these policies by name"
        text={(p) => `${p.PolicyName} ${p.Description ?? ''}`}
        rowKey={(p) => p.Arn}
        columns={[
          { header: 'Policy name', cell: (p) => <Link href={policyHref(p.Arn)}>{p.PolicyName}</Link> },
          { header: 'Type', cell: (p) => (p.Arn.startsWith('arn:aws:iam::aws:') ? 'AWS managed' : 'Customer managed') },
          { header: 'Attached entities', cell: (p) => String(p.AttachmentCount ?? 0) },
          { header: 'Updated', cell: (p) => formatDate(p.UpdateDate) },
        ]}
      />
    </>
  );
}

export function CreatePolicyPage(): JSX.Element {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [text, setText] = useState(EMPTY_POLICY);
  const action = useAction();
  return (
    <>
      <PageHeader title="Create policy" />
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            const out = await callApi<{ Policy: Policy }>('iam', 'CreatePolicy', { PolicyName: name.trim(), PolicyDocument: text, ...(description === '' ? {} : { Description: description }) });
            navigate(policyHref(out.Policy.Arn));
          });
        }}
      >
        <PolicyEditor label="Policy document (JSON)" value={text} onChange={setText} policyType="IDENTITY_POLICY" />
        <Field label="Policy name" name="policyName" value={name} onInput={setName} required />
        <Field label="Description" name="description" value={description} onInput={setDescription} />
        <ErrorBox error={action.error} />
        <button type="submit" class="primary" disabled={action.busy}>
          Create policy
        </button>
      </form>
    </>
  );
}

const TABS = [
  { id: 'permissions', label: 'Permissions' },
  { id: 'versions', label: 'Policy versions' },
  { id: 'entities', label: 'Entities attached' },
  { id: 'tags', label: 'Tags' },
] as const;

export function PolicyDetailPage({ arn }: { arn: string }): JSX.Element {
  const [tab, setTab] = useState('permissions');
  const policy = useLoad(async () => {
    const { Policy } = await callApi<{ Policy: Policy }>('iam', 'GetPolicy', { PolicyArn: arn });
    const { PolicyVersion } = await callApi<{ PolicyVersion: Version }>('iam', 'GetPolicyVersion', { PolicyArn: arn, VersionId: Policy.DefaultVersionId });
    return { policy: Policy, document: decodePolicy(PolicyVersion.Document) };
  }, [arn]);
  const aws = arn.startsWith('arn:aws:iam::aws:');
  return (
    <>
      <DetailHeader
        title={policy.data?.policy.PolicyName ?? 'Policy'}
        list={{ href: '/console/policies', label: 'Policies' }}
        crumb={<span class="arn">{arn}</span>}
        {...(aws ? {} : { remove: { question: 'Delete this policy?', call: () => callApi('iam', 'DeletePolicy', { PolicyArn: arn }) } })}
        error={policy.error}
      />
      {policy.data === undefined ? (
        policy.loading ? <Loading what="policy" /> : null
      ) : (
        <>
          <section class="card" aria-label="Summary">
            <dl class="facts">
              <dt>Type</dt>
              <dd>{aws ? 'AWS managed' : 'Customer managed'}</dd>
              <dt>Default version</dt>
              <dd>{policy.data.policy.DefaultVersionId}</dd>
              <dt>Description</dt>
              <dd>{policy.data.policy.Description ?? '—'}</dd>
            </dl>
          </section>
          <Tabs label="Policy details" tabs={aws ? TABS.filter((t) => t.id !== 'tags') : TABS} selected={tab} onSelect={setTab}>
            {tab === 'permissions' ? (
              <EditDocument arn={arn} document={policy.data.document} readOnly={aws} onSaved={policy.reload} />
            ) : tab === 'versions' ? (
              <Versions arn={arn} readOnly={aws} onChanged={policy.reload} />
            ) : tab === 'entities' ? (
              <Entities arn={arn} />
            ) : (
              <TagsPanel kind="Policy" keyName="PolicyArn" keyValue={arn} />
            )}
          </Tabs>
        </>
      )}
    </>
  );
}

function EditDocument({ arn, document: doc, readOnly, onSaved }: { arn: string; document: string; readOnly: boolean; onSaved: () => void }): JSX.Element {
  const [text, setText] = useState(doc);
  const action = useAction();
  return (
    <section aria-labelledby="document-heading">
      <h2 id="document-heading">Policy document</h2>
      <ErrorBox error={action.error} />
      <PolicyEditor label="Policy document" value={text} onChange={setText} readOnly={readOnly} {...(readOnly ? {} : { policyType: 'IDENTITY_POLICY' as const })} />
      {readOnly ? null : (
        <button
          type="button"
          class="primary"
          disabled={text === doc || action.busy}
          onClick={() => action.run(() => callApi('iam', 'CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: text, SetAsDefault: true })).then((ok) => ok && onSaved())}
        >
          Save changes (new default version)
        </button>
      )}
    </section>
  );
}

function Versions({ arn, readOnly, onChanged }: { arn: string; readOnly: boolean; onChanged: () => void }): JSX.Element {
  const versions = useLoad(() => callApi<{ Versions?: Version[] }>('iam', 'ListPolicyVersions', { PolicyArn: arn }), [arn]);
  const [left, setLeft] = useState('');
  const [right, setRight] = useState('');
  const action = useAction();
  const diff = useLoad(async () => {
    if (left === '' || right === '') return undefined;
    const get = (v: string): Promise<string> => callApi<{ PolicyVersion: Version }>('iam', 'GetPolicyVersion', { PolicyArn: arn, VersionId: v }).then((o) => decodePolicy(o.PolicyVersion.Document));
    const [a, b] = await Promise.all([get(left), get(right)]);
    return diffLines(a, b);
  }, [arn, left, right]);
  const list = versions.data?.Versions ?? [];
  const pick = (label: string, value: string, set: (v: string) => void, id: string): JSX.Element => (
    <>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">Choose</option>
        {list.map((v) => (
          <option value={v.VersionId}>
            {v.VersionId}
            {v.IsDefaultVersion ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Policy versions</h2>
      <ErrorBox error={versions.error ?? action.error ?? diff.error} />
      <ListTable class="versions" caption="Policy versions" columns={['Version', 'Created', 'Default']} actions>
        {list.map((v) => (
          <tr>
            <td>{v.VersionId}</td>
            <td>{formatDate(v.CreateDate)}</td>
            <td>{v.IsDefaultVersion ? 'Default' : ''}</td>
            <td>
              {readOnly || v.IsDefaultVersion ? null : (
                <>
                  <button type="button" onClick={() => action.run(() => callApi('iam', 'SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: v.VersionId })).then(() => (versions.reload(), onChanged()))}>
                    Set as default
                  </button>{' '}
                  <button type="button" onClick={() => action.run(() => callApi('iam', 'DeletePolicyVersion', { PolicyArn: arn, VersionId: v.VersionId })).then(versions.reload)}>
                    Delete
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      <div class="list-tools compare">
        {pick('Compare version', left, setLeft, 'diff-left')}
        {pick('with version', right, setRight, 'diff-right')}
      </div>
      {diff.data !== undefined ? (
        <pre class="diff" aria-label={`Differences between ${left} and ${right}`}>
          {diff.data.map((part) => (
            <span class={part.added ? 'diff-added' : part.removed ? 'diff-removed' : 'diff-same'}>
              {part.value
                .replace(/\n$/, '')
                .split('\n')
                .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}\n`)
                .join('')}
            </span>
          ))}
        </pre>
      ) : null}
    </section>
  );
}

function Entities({ arn }: { arn: string }): JSX.Element {
  const data = useLoad(
    () => callApi<{ PolicyUsers?: { UserName: string }[]; PolicyGroups?: { GroupName: string }[]; PolicyRoles?: { RoleName: string }[] }>('iam', 'ListEntitiesForPolicy', { PolicyArn: arn, MaxItems: 1000 }),
    [arn],
  );
  const rows = [
    ...(data.data?.PolicyUsers ?? []).map((u) => ({ type: 'User', name: u.UserName, href: `/console/users/${encodeURIComponent(u.UserName)}` })),
    ...(data.data?.PolicyGroups ?? []).map((g) => ({ type: 'Group', name: g.GroupName, href: `/console/groups/${encodeURIComponent(g.GroupName)}` })),
    ...(data.data?.PolicyRoles ?? []).map((r) => ({ type: 'Role', name: r.RoleName, href: `/console/roles/${encodeURIComponent(r.RoleName)}` })),
  ];
  return (
    <section aria-labelledby="entities-heading">
      <h2 id="entities-heading">Entities attached</h2>
      <ErrorBox error={data.error} />
      <table class="list">
        <caption class="visually-hidden">Entities the policy is attached to</caption>
        <thead>
          <tr>
            <th scope="col">Entity</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <Link href={r.href}>{r.name}</Link>
              </td>
              <td>{r.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
