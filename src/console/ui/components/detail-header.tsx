// The head of a detail page (user, group, role, policy): the title, a Delete button where the
// entity can be deleted (confirmed, then back to the list), the breadcrumbs and the page's errors.
import type { ComponentChildren, JSX } from 'preact';
import { Link, navigate } from '../router.js';
import { ErrorBox } from './error-box.js';
import { useAction } from './use-load.js';
import { PageHeader } from './ui.js';

export function DetailHeader(props: {
  title: string;
  list: { readonly href: string; readonly label: string };
  /** What the breadcrumbs show after the list (default: the title). */
  crumb?: ComponentChildren;
  /** The delete call and its confirmation question; none: no Delete button. */
  remove?: { readonly question: string; readonly call: () => Promise<unknown> };
  /** The page's own error (its load), shown with a failed delete's. */
  error?: unknown;
}): JSX.Element {
  const action = useAction();
  const remove = props.remove;
  return (
    <>
      <PageHeader title={props.title}>
        {remove === undefined ? null : (
          <button
            type="button"
            class="danger"
            onClick={() => {
              if (confirm(remove.question)) void action.run(remove.call).then((ok) => ok && navigate(props.list.href));
            }}
          >
            Delete
          </button>
        )}
      </PageHeader>
      <p class="breadcrumbs">
        <Link href={props.list.href}>{props.list.label}</Link> › {props.crumb ?? props.title}
      </p>
      <ErrorBox error={props.error ?? action.error} />
    </>
  );
}
