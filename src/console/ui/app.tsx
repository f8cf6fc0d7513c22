// The console application: loads the session, sends signed-out visitors to sign-in and
// sessions that must change their password to the change page, and picks the page for the path.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getSession, onSessionLost, type Session } from './api.js';
import { ErrorBox } from './components/error-box.js';
import { Loading, PageHeader } from './components/ui.js';
import { AccountPage } from './pages/account.js';
import { AddUserPage } from './pages/add-user.js';
import { ChangePasswordPage } from './pages/change-password.js';
import { CredentialReportPage } from './pages/credential-report.js';
import { DashboardPage } from './pages/dashboard.js';
import { EscalationPage } from './pages/escalation.js';
import { GroupDetailPage, GroupsPage } from './pages/groups.js';
import { IdentityProvidersPage } from './pages/identity-providers.js';
import { CreatePolicyPage, PoliciesPage, PolicyDetailPage } from './pages/policies.js';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/reset-password.js';
import { RoleDetailPage, RolesPage } from './pages/roles.js';
import { SecurityCredentialsPage } from './pages/security-credentials.js';
import { SignInPage } from './pages/signin.js';
import { SimulatorPage } from './pages/simulator.js';
import { TrailPage } from './pages/trail.js';
import { UserDetailPage } from './pages/user-detail.js';
import { UsersPage } from './pages/users.js';
import { WhyPage } from './pages/why.js';
import { navigate, useLocation } from './router.js';
import { SessionContext } from './session.js';
import { Shell } from './shell.js';

const PUBLIC = ['/console/signin', '/console/signin/root', '/console/forgot-password', '/console/reset-password'];

type Route = readonly [RegExp, (m: string[]) => JSX.Element];

const dec = (s: string | undefined): string => decodeURIComponent(s ?? '');

const ROUTES: readonly Route[] = [
  [/^\/console$/, () => <DashboardPage />],
  [/^\/console\/users$/, () => <UsersPage />],
  [/^\/console\/users\/create$/, () => <AddUserPage />],
  [/^\/console\/users\/([^/]+)$/, (m) => <UserDetailPage name={dec(m[1])} />],
  [/^\/console\/groups$/, () => <GroupsPage />],
  [/^\/console\/groups\/([^/]+)$/, (m) => <GroupDetailPage name={dec(m[1])} />],
  [/^\/console\/roles$/, () => <RolesPage />],
  [/^\/console\/roles\/([^/]+)$/, (m) => <RoleDetailPage name={dec(m[1])} />],
  [/^\/console\/policies$/, () => <PoliciesPage />],
  [/^\/console\/policies\/create$/, () => <CreatePolicyPage />],
  [/^\/console\/policies\/([^/]+)$/, (m) => <PolicyDetailPage arn={dec(m[1])} />],
  [/^\/console\/identity-providers$/, () => <IdentityProvidersPage />],
  [/^\/console\/account$/, () => <AccountPage />],
  [/^\/console\/security-credentials$/, () => <SecurityCredentialsPage />],
  [/^\/console\/simulator$/, () => <SimulatorPage />],
  [/^\/console\/credential-report$/, () => <CredentialReportPage />],
  [/^\/console\/trail$/, () => <TrailPage />],
  [/^\/console\/escalation$/, () => <EscalationPage />],
  [/^\/console\/why\/([^/]+)$/, (m) => <WhyPage requestId={dec(m[1])} />],
];

function NotFound(): JSX.Element {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There is no console page at this address.</p>
    </>
  );
}

export function App(): JSX.Element {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const { path, query } = useLocation();

  useEffect(() => {
    getSession().then(setSession, setError);
    return onSessionLost(() => setSession({ signedIn: false }));
  }, []);

  useEffect(() => {
    if (session === undefined) return;
    const isPublic = PUBLIC.includes(path);
    if (!session.signedIn && !isPublic) navigate(`/console/signin${path === '/console' ? '' : `?next=${encodeURIComponent(path)}`}`, { replace: true });
    else if (session.signedIn && path.startsWith('/console/signin')) navigate('/console', { replace: true });
  }, [session, path]);

  if (error !== undefined)
    return (
      <main id="main">
        <ErrorBox error={error} />
      </main>
    );
  if (session === undefined)
    return (
      <main id="main">
        <Loading what="the console" />
      </main>
    );

  let page: JSX.Element;
  if (path === '/console/signin' || path === '/console/signin/root') page = <SignInPage key={path} root={path === '/console/signin/root'} next={query.get('next') ?? undefined} />;
  else if (path === '/console/forgot-password') page = <ForgotPasswordPage />;
  else if (path === '/console/reset-password') page = <ResetPasswordPage token={query.get('token') ?? ''} />;
  else if (!session.signedIn) page = <Loading />;
  else if (session.passwordChangeRequired) page = <ChangePasswordPage />;
  else {
    const found = ROUTES.map(([re, render]) => [re.exec(path), render] as const).find(([m]) => m !== null);
    page = <Shell>{found === undefined ? <NotFound /> : found[1]([...found[0]!])}</Shell>;
  }
  return <SessionContext.Provider value={{ session, setSession }}>{page}</SessionContext.Provider>;
}
