// The frame around every signed-in page: a skip link, the top bar (account, principal, sign
// out), the side navigation and the main landmark.
import type { ComponentChildren, JSX } from 'preact';
import { signOut } from './api.js';
import { Link, navigate, useLocation } from './router.js';
import { useSession } from './session.js';

const NAV: readonly { href: string; label: string }[] = [
  { href: '/console', label: 'Dashboard' },
  { href: '/console/users', label: 'Users' },
  { href: '/console/groups', label: 'User groups' },
  { href: '/console/roles', label: 'Roles' },
  { href: '/console/policies', label: 'Policies' },
  { href: '/console/identity-providers', label: 'Identity providers' },
  { href: '/console/account', label: 'Account settings' },
  { href: '/console/simulator', label: 'Policy simulator' },
  { href: '/console/credential-report', label: 'Credential report' },
  { href: '/console/trail', label: 'Audit trail' },
  { href: '/console/escalation', label: 'Escalation graph' },
  { href: '/console/security-credentials', label: 'My security credentials' },
];

const TYPE_LABEL = { Root: 'Root user', IAMUser: 'IAM user', AssumedRole: 'Role session', FederatedUser: 'Federated user' } as const;

function isCurrent(href: string, path: string): boolean {
  return href === '/console' ? path === '/console' : path === href || path.startsWith(`${href}/`);
}

export function Shell({ children }: { children: ComponentChildren }): JSX.Element {
  const { session, setSession } = useSession();
  const { path } = useLocation();
  if (!session.signedIn) return <>{children}</>;
  const p = session.principal;
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top-bar">
        <Link href="/console" class="brand">
          Keyward
        </Link>
        <div class="account" aria-label="Account">
          <span class="account-alias">{p.accountAlias ?? 'No alias'}</span> <span class="account-id">{p.accountId}</span>
        </div>
        <div class="principal" title={p.arn}>
          <span class="principal-type">{TYPE_LABEL[p.type]}</span>
          {p.type === 'Root' ? null : <span class="principal-name">{p.displayName}</span>}
        </div>
        <button
          type="button"
          class="sign-out"
          onClick={async () => {
            setSession(await signOut().catch(() => ({ signedIn: false as const })));
            navigate('/console/signin', { replace: true });
          }}
        >
          Sign out
        </button>
      </header>
      <div class="body">
        <nav class="side-nav" aria-label="Console">
          <ul>
            {NAV.map((n) => (
              <li>
                <Link href={n.href} aria-current={isCurrent(n.href, path) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
