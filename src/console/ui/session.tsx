// The signed-in session for every page: who is signed in, and a way to replace it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Principal, Session } from './api.js';

export interface SessionState {
  readonly session: Session;
  readonly setSession: (s: Session) => void;
}

export const SessionContext = createContext<SessionState>({ session: { signedIn: false }, setSession: () => undefined });

export function useSession(): SessionState {
  return useContext(SessionContext);
}

export function usePrincipal(): Principal | undefined {
  const { session } = useSession();
  return session.signedIn ? session.principal : undefined;
}
