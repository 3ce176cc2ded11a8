import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getDb, SESSION_ROW_ID } from '@/shared/db/db';
import { saveTokens } from '@/shared/session/session';
import { fakeFetch, makeTokens, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const now = '2025-03-01T10:00:00Z';

// The student shell also syncs and lists assignments; these tests look at the logout requests only.
function fakeLogoutServer() {
  const server = fakeFetch({ 'POST /api/v1/auth/logout': () => okEnvelope(null) });
  vi.stubGlobal('fetch', server.fetch);
  return {
    get requests() {
      return server.requests.filter((request) => new URL(request.url).pathname === '/api/v1/auth/logout');
    },
  };
}

beforeEach(async () => {
  await saveTokens(makeTokens('student'));
  await getDb().books.put({ id: 'book-1', payload: {}, updatedAt: now });
  await getDb().meta.put({ key: 'device-id', value: 'tablet-7' });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sign out', () => {
  it('with nothing waiting to sync, revokes the token and clears the private data at once', async () => {
    const server = fakeLogoutServer();
    const { user, history } = renderApp('/student');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(history.location.pathname).toBe('/login');
    expect(await server.requests[0]!.json()).toEqual({ refresh_token: 'refresh-1' });
    expect(await getDb().session.get(SESSION_ROW_ID)).toBeUndefined();
    expect(await getDb().books.count()).toBe(0);
    expect(await getDb().meta.get('device-id')).toBeDefined();
  });

  it('with unsynced work, names what would be lost and keeps everything when the user stays', async () => {
    const server = fakeLogoutServer();
    await getDb().outbox.bulkAdd([
      { kind: 'attempt', userId: 'u', payload: {}, createdAt: now },
      { kind: 'attempt', userId: 'u', payload: {}, createdAt: now },
      { kind: 'message', userId: 'u', payload: {}, createdAt: now },
      { kind: 'sticker', userId: 'u', payload: {}, createdAt: now },
    ]);
    const { user } = renderApp('/student');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog');
    const lost = within(dialog).getAllByRole('listitem').map((item) => item.textContent);
    expect(lost).toEqual(['2 activity answers', '1 message', '1 other change']);

    await user.click(within(dialog).getByRole('button', { name: 'Stay signed in' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await getDb().outbox.count()).toBe(4);
    expect(await getDb().session.get(SESSION_ROW_ID)).toBeDefined();
    expect(server.requests).toHaveLength(0);
  });

  it('with unsynced work, clears it only after the explicit confirmation', async () => {
    fakeLogoutServer();
    await getDb().outbox.add({ kind: 'attempt', userId: 'u', payload: {}, createdAt: now });
    const { user } = renderApp('/student');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await user.click(await screen.findByRole('button', { name: 'Sign out and lose this work' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(await getDb().outbox.count()).toBe(0);
    expect(await getDb().session.count()).toBe(0);
  });

  it('still clears the device when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const { user } = renderApp('/student');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(await getDb().session.count()).toBe(0);
  });
});
