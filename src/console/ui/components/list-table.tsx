// A list table as every panel draws one: the `list` class, a caption for screen readers, the
// column headers and, for rows with buttons, a last column whose header only screen readers hear.
import type { ComponentChildren, JSX } from 'preact';

export function ListTable(props: { class: string; caption: string; columns: readonly string[]; actions?: boolean; children: ComponentChildren }): JSX.Element {
  return (
    <table class={`list ${props.class}`}>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
          {props.actions === true ? (
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
