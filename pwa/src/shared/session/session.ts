import type { TokenStorage } from '@/shared/api/auth-fetch';
import type { Me, TokenResponse } from '@/shared/api/types';
import { getDb, SESSION_ROW_ID } from '@/shared/db/db';
import { createObservableValue, useObservableValue } from '@/shared/lib/observable-value';

export type SessionState = { status: 'signed-out' } | { status: 'signed-in'; me: Me };

/** Who is signed in on this device. Survives reloads and offline starts through the Dexie `session` row. */
export const session = createObservableValue<SessionState>({ status: 'signed-out' });

// Access tokens stay in memory only; a reload gets a new one from the refresh token when online.
let accessToken: { value: string; expiresAt: number } | null = null;
// Refresh a little early so a request never leaves with a token that expires on the way.
const ACCESS_TOKEN_MARGIN_MS = 30_000;

export function useSession(): SessionState {
  return useObservableValue(session);
}

export function currentUser(): Me | null {
  const state = session.get();
  return state.status === 'signed-in' ? state.me : null;
}

/** Stores a login or refresh answer: the rotated refresh token is on disk before this resolves. */
export async function saveTokens(tokens: TokenResponse): Promise<void> {
  const now = Date.now();
  await getDb().session.put({
    id: SESSION_ROW_ID,
    refreshToken: tokens.refresh_token,
    refreshExpiresAt: new Date(now + tokens.refresh_expires_in * 1000).toISOString(),
    me: tokens.user,
    savedAt: new Date(now).toISOString(),
  });
  accessToken = { value: tokens.access_token, expiresAt: now + tokens.expires_in * 1000 };
  session.set({ status: 'signed-in', me: tokens.user });
}

/** Forgets the session on this device (the caller decides what else to clear). */
export async function endSession(): Promise<void> {
  accessToken = null;
  await getDb().session.delete(SESSION_ROW_ID);
  session.set({ status: 'signed-out' });
}

/** Loads the saved session at start-up, so a student opening the app offline is still signed in. */
export async function restoreSession(): Promise<SessionState> {
  const row = await getDb().session.get(SESSION_ROW_ID);
  session.set(row ? { status: 'signed-in', me: row.me } : { status: 'signed-out' });
  return session.get();
}

export const sessionTokenStorage: TokenStorage = {
  accessToken: () =>
    accessToken && accessToken.expiresAt - ACCESS_TOKEN_MARGIN_MS > Date.now() ? accessToken.value : null,
  refreshToken: async () => (await getDb().session.get(SESSION_ROW_ID))?.refreshToken ?? null,
  saveTokens,
  sessionRejected: endSession,
};
