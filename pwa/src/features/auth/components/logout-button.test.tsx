import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getDb, SESSION_ROW_ID } from '@/shared/db/db';
import { saveTokens } from '@/shared/session/session';
import { fakeFetch, makeMe, makeTokens, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const now = '2025-03-01T10:00:00Z';
const me = makeMe('student');
// Another student who used this tablet and has not synced yet.
const otherId = '00000000-0000-4000-8000-0000000000b2';

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
      { kind: 'attempt', userId: me.id, payload: {}, createdAt: now },
      { kind: 'attempt', userId: me.id, payload: {}, createdAt: now },
      { kind: 'message', userId: me.id, payload: {}, createdAt: now },
      { kind: 'sticker', userId: me.id, payload: {}, createdAt: now },
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
    await getDb().outbox.add({ kind: 'attempt', userId: me.id, payload: {}, createdAt: now });
    const { user } = renderApp('/student');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await user.click(await screen.findByRole('button', { name: 'Sign out and lose this work' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(await getDb().outbox.count()).toBe(0);
    expect(await getDb().session.count()).toBe(0);
  });

  it('on a shared tablet, clears only the signed-out student and counts only their unsynced work', async () => {
    const server = fakeLogoutServer();
    const db = getDb();
    const assignment = (userId: string, path: string) => ({
      id: `${userId}:asg-1`,
      userId,
      payload: { book_id: 'book-1', activities: [], assets: [{ key: path, size: 1, sha256: 'x', content_type: 'image/png' }] },
      dueAt: null,
      updatedAt: now,
    });
    const asset = (path: string) => ({ url: `asset:book-1/${path}`, bookId: 'book-1', blob: new Blob(['x']), size: 1, cachedAt: now });
    const attemptState = (userId: string, attemptId: string) => ({
      attemptId,
      userId,
      assignmentId: 'asg-1',
      state: {} as never,
      updatedAt: now,
    });
    await db.outbox.bulkAdd([
      { kind: 'attempt', userId: me.id, payload: {}, createdAt: now },
      { kind: 'attempt', userId: otherId, payload: { op: 'b-1' }, createdAt: now },
      { kind: 'message', userId: otherId, payload: { op: 'b-2' }, createdAt: now },
    ]);
    await db.attemptStates.bulkPut([attemptState(me.id, 'att-a'), attemptState(otherId, 'att-b')]);
    await db.attempts.bulkPut([
      { id: 'att-a', userId: me.id, assignmentId: 'asg-1', activityId: 'act', answers: {}, score: null, updatedAt: now },
      { id: 'att-b', userId: otherId, assignmentId: 'asg-1', activityId: 'act', answers: {}, score: null, updatedAt: now },
    ]);
    await db.assignments.bulkPut([assignment(me.id, 'a.png'), assignment(otherId, 'b.png')]);
    await db.assets.bulkPut([asset('a.png'), asset('b.png')]);
    await db.meta.bulkPut([
      { key: `sync-cursor:${me.id}`, value: 'c-a' },
      { key: `sync-cursor:${otherId}`, value: 'c-b' },
    ]);
    // Minimal rows the dashboard cannot render; the shell's sign-out button is on every screen.
    const { user } = renderApp('/settings');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['1 activity answer']);
    await user.click(within(dialog).getByRole('button', { name: 'Sign out and lose this work' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(server.requests).toHaveLength(1);
    expect(await db.session.count()).toBe(0);
    expect((await db.outbox.toArray()).map((row) => [row.userId, row.payload])).toEqual([
      [otherId, { op: 'b-1' }],
      [otherId, { op: 'b-2' }],
    ]);
    expect((await db.attemptStates.toArray()).map((row) => row.attemptId)).toEqual(['att-b']);
    expect((await db.attempts.toArray()).map((row) => row.id)).toEqual(['att-b']);
    expect((await db.assignments.toArray()).map((row) => row.id)).toEqual([`${otherId}:asg-1`]);
    expect((await db.assets.toArray()).map((row) => row.url)).toEqual(['asset:book-1/b.png']);
    expect(await db.books.count()).toBe(1);
    expect(await db.meta.get(`sync-cursor:${me.id}`)).toBeUndefined();
    expect(await db.meta.get(`sync-cursor:${otherId}`)).toEqual({ key: `sync-cursor:${otherId}`, value: 'c-b' });
  });

  it('on a shared tablet, keeps the files an offline book copy holds', async () => {
    fakeLogoutServer();
    const db = getDb();
    const otherId = 'someone-else';
    const manifest = (path: string) => ({ path, url: `https://s3.test/${path}`, size: 1, sha256: 'x' });
    const assignment = (userId: string, path: string) => ({
      id: `${userId}:asg-1`,
      userId,
      payload: { book_id: 'book-1', activities: [], assets: [] },
      manifest: [manifest(path)],
      dueAt: null,
      updatedAt: now,
    });
    await db.assignments.bulkPut([assignment(me.id, 'page-1.png'), assignment(otherId, 'page-2.png')]);
    await db.books.put({ id: 'offline:book-1', payload: { manifest: [manifest('page-1.png')] }, updatedAt: now });
    await db.assets.bulkPut(
      ['page-1.png', 'page-2.png'].map((path) => ({
        url: `asset:book-1/${path}`,
        bookId: 'book-1',
        blob: new Blob(['x']),
        size: 1,
        cachedAt: now,
      })),
    );
    const { user } = renderApp('/settings');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect((await db.assignments.toArray()).map((row) => row.id)).toEqual([`${otherId}:asg-1`]);
    // page-1.png was the signed-out student's, but the book's offline copy still needs it.
    expect((await db.assets.toArray()).map((row) => row.url).sort()).toEqual([
      'asset:book-1/page-1.png',
      'asset:book-1/page-2.png',
    ]);
  });

  it('still clears the device when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const { user } = renderApp('/student');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(await getDb().session.count()).toBe(0);
  });
});
