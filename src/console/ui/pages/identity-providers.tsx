// Identity providers: the account's OIDC and SAML providers, and adding or deleting one.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useAction, useLoad } from '../components/use-load.js';
import { Empty, Field, formatDate, Loading, PageHeader } from '../components/ui.js';
import { ListTable } from '../components/list-table.js';

interface Provider {
  readonly arn: string;
  readonly type: 'OpenID Connect' | 'SAML';
  readonly created?: string;
}

async function load(): Promise<Provider[]> {
  const [oidc, saml] = await Promise.all([
    callApi<{ OpenIDConnectProviderList?: { Arn: string }[] }>('iam', 'ListOpenIDConnectProviders'),
    callApi<{ SAMLProviderList?: { Arn: string; CreateDate?: string }[] }>('iam', 'ListSAMLProviders'),
  ]);
  return [
    ...(oidc.OpenIDConnectProviderList ?? []).map((p) => ({ arn: p.Arn, type: 'OpenID Connect' as const })),
    ...(saml.SAMLProviderList ?? []).map((p) => ({ arn: p.Arn, type: 'SAML' as const, ...(p.CreateDate === undefined ? {} : { created: p.CreateDate }) })),
  ];
}

export function IdentityProvidersPage(): JSX.Element {
  const list = useLoad(load, []);
  const [kind, setKind] = useState<'oidc' | 'saml'>('oidc');
  const [url, setUrl] = useState('');
  const [audience, setAudience] = useState('');
  const [name, setName] = useState('');
  const [metadata, setMetadata] = useState('');
  const action = useAction();
  return (
    <>
      <PageHeader title="Identity providers" />
      <ErrorBox error={list.error ?? action.error} />
      {list.data === undefined ? (
        list.loading ? <Loading /> : null
      ) : list.data.length === 0 ? (
        <Empty>No identity providers.</Empty>
      ) : (
        <ListTable class="providers" caption="Identity providers" columns={['Provider', 'Type', 'Created']} actions>
          {list.data.map((p) => (
            <tr>
              <td class="arn">{p.arn}</td>
              <td>{p.type}</td>
              <td>{formatDate(p.created)}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    action.run(() => callApi('iam', p.type === 'SAML' ? 'DeleteSAMLProvider' : 'DeleteOpenIDConnectProvider', p.type === 'SAML' ? { SAMLProviderArn: p.arn } : { OpenIDConnectProviderArn: p.arn })).then(list.reload)
                  }
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void action
            .run(() =>
              kind === 'oidc'
                ? callApi('iam', 'CreateOpenIDConnectProvider', { Url: url.trim(), ClientIDList: audience.split(',').map((a) => a.trim()).filter(Boolean) })
                : callApi('iam', 'CreateSAMLProvider', { Name: name.trim(), SAMLMetadataDocument: metadata }),
            )
            .then((ok) => ok && list.reload());
        }}
      >
        <h2>Add provider</h2>
        <fieldset>
          <legend>Provider type</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'oidc'} onChange={() => setKind('oidc')} /> OpenID Connect
          </label>{' '}
          <label>
            <input type="radio" name="kind" checked={kind === 'saml'} onChange={() => setKind('saml')} /> SAML
          </label>
        </fieldset>
        {kind === 'oidc' ? (
          <>
            <Field label="Provider URL" name="url" value={url} onInput={setUrl} placeholder="https://token.example.com" required />
            <Field label="Audiences (comma separated)" name="audience" value={audience} onInput={setAudience} />
          </>
        ) : (
          <>
            <Field label="Provider name" name="samlName" value={name} onInput={setName} required />
            <label for="saml-metadata">Metadata document (XML)</label>
            <textarea id="saml-metadata" rows={6} value={metadata} onInput={(e) => setMetadata((e.currentTarget as HTMLTextAreaElement).value)} />
          </>
        )}
        <button type="submit" class="primary">
          Add provider
        </button>
      </form>
    </>
  );
}
