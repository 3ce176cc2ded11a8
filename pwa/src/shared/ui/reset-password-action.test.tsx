import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { errorEnvelope, fakeFetch, makeMe, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const USER_ID = '11111111-1111-4111-8111-111111111111';
const TEACHER_ID = '22222222-2222-4222-8222-222222222222';
const SCHOOL_ID = '33333333-3333-4333-8333-333333333333';
const pagination = { page: 1, per_page: 20, total: 1, total_pages: 1, next_page: null, prev_page: null };
const page = (items: unknown[]) => Response.json({ success: true, data: items, pagination, meta: { request_id: 'r', timestamp: '' } });

const user = {
  id: USER_ID,
  email: 'ada@school.test',
  username: null,
  full_name: 'Ada Imported',
  role: 'teacher',
  is_active: true,
  last_login_at: null,
  created_at: '2026-01-01T00:00:00Z',
};
const teacher = {
  id: TEACHER_ID,
  user_id: USER_ID,
  school_id: SCHOOL_ID,
  email: 'ada@school.test',
  full_name: 'Ada Imported',
  subject: 'Math',
  is_active: true,
  created_at: '2026-01-01T00:00:00Z',
};

afterEach(() => vi.unstubAllGlobals());

function stub(routes: Parameters<typeof fakeFetch>[0]) {
  const server = fakeFetch(routes);
  vi.stubGlobal('fetch', server.fetch);
  return server;
}

const resets = (server: ReturnType<typeof fakeFetch>) =>
  server.requests.filter((request) => request.method === 'POST').map((request) => new URL(request.url).pathname);

describe('Reset password on the admin users list', () => {
  it('asks first, then shows the new password once', async () => {
    session.set({ status: 'signed-in', me: makeMe('admin') });
    const server = stub({
      'GET /api/v1/admin/users': () => page([user]),
      [`POST /api/v1/admin/users/${USER_ID}/reset-password`]: () =>
        okEnvelope({ user_id: USER_ID, password: 'Zq8-strong-Xy1p' }),
    });
    const { user: clicker } = renderApp('/admin/users');

    await clicker.click(await screen.findByRole('button', { name: /^Reset password\s*Ada Imported$/ }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm).toHaveTextContent('Reset the password of Ada Imported?');
    expect(resets(server)).toEqual([]);
    await clicker.click(within(confirm).getByRole('button', { name: 'Reset password' }));

    const shown = await screen.findByRole('dialog');
    expect(within(shown).getByTestId('shown-password')).toHaveTextContent('Zq8-strong-Xy1p');
    expect(shown).toHaveTextContent('ada@school.test');
    expect(resets(server)).toEqual([`/api/v1/admin/users/${USER_ID}/reset-password`]);

    await clicker.click(within(shown).getByRole('button', { name: 'I have noted it' }));
    expect(screen.queryByTestId('shown-password')).not.toBeInTheDocument();
  });

  it('does nothing when cancelled', async () => {
    session.set({ status: 'signed-in', me: makeMe('admin') });
    const server = stub({ 'GET /api/v1/admin/users': () => page([user]) });
    const { user: clicker } = renderApp('/admin/users');

    await clicker.click(await screen.findByRole('button', { name: /^Reset password\s*Ada Imported$/ }));
    await clicker.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(resets(server)).toEqual([]);
  });
});

describe('Reset password on the publisher teachers list', () => {
  it('resets a teacher of its own school', async () => {
    session.set({ status: 'signed-in', me: makeMe('publisher') });
    const server = stub({
      'GET /api/v1/publishers/me/teachers': () => page([teacher]),
      'GET /api/v1/publishers/me/schools': () => page([]),
      [`POST /api/v1/publishers/me/teachers/${TEACHER_ID}/reset-password`]: () =>
        okEnvelope({ user_id: USER_ID, password: 'publisher-made-pw' }),
    });
    const { user: clicker } = renderApp('/publisher/teachers');

    await clicker.click(await screen.findByRole('button', { name: /^Reset password\s*Ada Imported$/ }));
    await clicker.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Reset password' }));

    expect(await screen.findByTestId('shown-password')).toHaveTextContent('publisher-made-pw');
    expect(resets(server)).toEqual([`/api/v1/publishers/me/teachers/${TEACHER_ID}/reset-password`]);
  });

  it('shows the server’s refusal and no password', async () => {
    session.set({ status: 'signed-in', me: makeMe('publisher') });
    stub({
      'GET /api/v1/publishers/me/teachers': () => page([teacher]),
      'GET /api/v1/publishers/me/schools': () => page([]),
      [`POST /api/v1/publishers/me/teachers/${TEACHER_ID}/reset-password`]: () =>
        errorEnvelope(404, 'NOT_FOUND', 'Teacher not found.'),
    });
    const { user: clicker } = renderApp('/publisher/teachers');

    await clicker.click(await screen.findByRole('button', { name: /^Reset password\s*Ada Imported$/ }));
    await clicker.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Reset password' }));

    expect(await screen.findByText('Teacher not found.')).toBeInTheDocument();
    expect(screen.queryByTestId('shown-password')).not.toBeInTheDocument();
  });
});
