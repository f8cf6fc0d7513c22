// Tags of a user, role or policy: list, add (Key, Value) and remove, with IAM's Tag*/Untag*.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { callApi } from '../api.js';
import { ErrorBox } from './error-box.js';
import { useAction, useLoad } from './use-load.js';
import { Empty, Field } from './ui.js';
import { ListTable } from './list-table.js';

interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export function TagsPanel({ kind, keyName, keyValue }: { kind: 'User' | 'Role' | 'Policy'; keyName: string; keyValue: string }): JSX.Element {
  const key = { [keyName]: keyValue };
  const list = useLoad(() => callApi<{ Tags?: Tag[] }>('iam', `List${kind}Tags`, key), [kind, keyValue]);
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const action = useAction();
  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      <ErrorBox error={list.error ?? action.error} />
      {list.data?.Tags?.length ? (
        <ListTable class="tags" caption="Tags" columns={['Key', 'Value']} actions>
          {list.data.Tags.map((t) => (
            <tr>
              <td>{t.Key}</td>
              <td>{t.Value}</td>
              <td>
                <button type="button" aria-label={`Remove tag ${t.Key}`} onClick={() => action.run(() => callApi('iam', `Untag${kind}`, { ...key, TagKeys: [t.Key] })).then(list.reload)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </ListTable>
      ) : list.data !== undefined ? (
        <Empty>No tags.</Empty>
      ) : null}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => callApi('iam', `Tag${kind}`, { ...key, Tags: [{ Key: tagKey, Value: tagValue }] })).then((ok) => {
            if (ok) {
              setTagKey('');
              setTagValue('');
            }
            list.reload();
          });
        }}
      >
        <Field label="Tag key" name="tagKey" value={tagKey} onInput={setTagKey} required />
        <Field label="Tag value" name="tagValue" value={tagValue} onInput={setTagValue} />
        <button type="submit">Add tag</button>
      </form>
    </section>
  );
}
