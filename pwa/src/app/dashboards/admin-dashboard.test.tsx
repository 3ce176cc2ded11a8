import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { errorEnvelope, fakeFetch, makeMe, pageEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const ADMIN_ID = '11111111-1111-4111-8111-111111111111';

const entry = (id: string, action: string, after: Record<string, unknown> | null, created_at: string) => ({
  id,
  actor_user_id: ADMIN_ID,
  actor_name: 'Ada Admin',
  actor_email: 'ada@dream.test',
  action,
  entity_type: action.split('.')[0],
  entity_id: null,
  before: null,
  after,
  ip: null,
  created_at,
});

type Totals = { publishers: number; schools: number; teachers: number; students: number; books: number };

/** The admin's list endpoints answering with `totals` (the dashboard only reads the totals) and `audit` as the log. */
function serve(totals: Totals, audit: unknown[] = []) {
  const server = fakeFetch({
    'GET /api/v1/admin/publishers': () => pageEnvelope([], totals.publishers),
    'GET /api/v1/admin/schools': () => pageEnvelope([], totals.schools),
    'GET /api/v1/admin/users': (request) =>
      pageEnvelope([], new URL(request.url).searchParams.get('role') === 'teacher' ? totals.teachers : totals.students),
    'GET /api/v1/books': () => pageEnvelope([], totals.books),
    'GET /api/v1/admin/audit-log': () => pageEnvelope(audit),
  });
  vi.stubGlobal('fetch', server.fetch);
  return server;
}

const queryOf = (requests: Request[], path: string) =>
  requests.filter((request) => new URL(request.url).pathname === path).map((request) => new URL(request.url).searchParams);

beforeEach(() => session.set({ status: 'signed-in', me: makeMe('admin', { full_name: 'Ada Admin' }) }));
afterEach(() => vi.unstubAllGlobals());

describe('the admin dashboard', () => {
  it('counts everything with one-item pages, links each count to its page and lists the latest changes', async () => {
    const server = serve({ publishers: 3, schools: 12, teachers: 48, students: 1234, books: 7 }, [
      entry('e1', 'school.update', { name: 'Greenfield Primary' }, '2026-03-02T09:30:00Z'),
      entry('e2', 'user.reset_password', null, '2026-03-01T08:00:00Z'),
    ]);
    const { user, history } = renderApp('/admin');

    expect(await screen.findByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    expect(screen.getByText('Hello, Ada Admin')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '3 Publishers' })).toHaveAttribute('href', '/admin/publishers');
    expect(await screen.findByRole('link', { name: '12 Schools' })).toHaveAttribute('href', '/admin/schools');
    expect(await screen.findByRole('link', { name: '48 Teachers' })).toHaveAttribute('href', '/admin/users');
    expect(await screen.findByRole('link', { name: '1,234 Students' })).toHaveAttribute('href', '/admin/users');
    expect(await screen.findByRole('link', { name: '7 Books' })).toHaveAttribute('href', '/books');

    const recent = screen.getByRole('region', { name: 'Recent changes' });
    const items = await within(recent).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^school\.update · Greenfield PrimaryAda Admin \(ada@dream\.test\) · .*2026/),
      expect.stringMatching(/^user\.reset_passwordAda Admin \(ada@dream\.test\) · .*2026/),
    ]);
    expect(within(items[0]!).getByText(/2026/)).toHaveAttribute('datetime', '2026-03-02T09:30:00Z');
    expect(within(recent).getByRole('link', { name: 'Open the audit log' })).toHaveAttribute('href', '/admin/audit-log');
    expect(screen.queryByRole('region', { name: 'What to do first' })).not.toBeInTheDocument();

    // Counts cost one row each; the teachers and students are the users of one role.
    for (const path of ['/api/v1/admin/publishers', '/api/v1/admin/schools', '/api/v1/books']) {
      expect(queryOf(server.requests, path).map((query) => query.get('per_page'))).toEqual(['1']);
    }
    expect(queryOf(server.requests, '/api/v1/admin/users').map((query) => [query.get('role'), query.get('per_page')])).toEqual(
      expect.arrayContaining([
        ['teacher', '1'],
        ['student', '1'],
      ]),
    );
    expect(queryOf(server.requests, '/api/v1/admin/audit-log')[0]?.get('per_page')).toBe('5');

    // The quick actions: a school is added right here; people are imported on the import page.
    await user.click(screen.getByRole('button', { name: 'Add a school' }));
    expect(await screen.findByRole('dialog', { name: 'Add a school' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('link', { name: 'Import people' }));
    expect(history.location.pathname).toBe('/admin/import');
  });

  it('on an empty system says to add a publisher first, and that changes will be listed', async () => {
    serve({ publishers: 0, schools: 0, teachers: 0, students: 0, books: 0 });
    renderApp('/admin');

    const next = await screen.findByRole('region', { name: 'What to do first' });
    expect(next).toHaveTextContent('Add your first publisher: every school belongs to a publisher.');
    expect(within(next).getByRole('link', { name: 'Add a publisher' })).toHaveAttribute('href', '/admin/publishers');
    expect(await screen.findByRole('link', { name: '0 Schools' })).toBeInTheDocument();
    expect(
      await screen.findByText('Nothing has changed yet. Every change to publishers, schools and people will be listed here.'),
    ).toBeInTheDocument();
  });

  it('once there are publishers and schools, says to import the teachers', async () => {
    serve({ publishers: 1, schools: 2, teachers: 0, students: 0, books: 0 });
    renderApp('/admin');

    const next = await screen.findByRole('region', { name: 'What to do first' });
    expect(next).toHaveTextContent('Bring in the teachers of your schools');
    expect(within(next).getByRole('link', { name: 'Import teachers' })).toHaveAttribute('href', '/admin/import');
  });

  it('shows what failed in the server’s words, keeps the other figures, and loads again on retry', async () => {
    let auditFails = true;
    const server = fakeFetch({
      'GET /api/v1/admin/publishers': () => pageEnvelope([], 3),
      'GET /api/v1/admin/schools': () => errorEnvelope(403, 'FORBIDDEN', 'Schools are not yours to count.'),
      'GET /api/v1/admin/users': () => pageEnvelope([], 5),
      'GET /api/v1/books': () => pageEnvelope([], 7),
      'GET /api/v1/admin/audit-log': () =>
        auditFails
          ? errorEnvelope(403, 'FORBIDDEN', 'The audit log is closed.')
          : pageEnvelope([entry('e1', 'school.create', { name: 'Hilltop' }, '2026-03-02T09:30:00Z')]),
    });
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/admin');

    const figures = await screen.findByRole('region', { name: 'At a glance' });
    expect(await within(figures).findByRole('alert')).toHaveTextContent('Schools are not yours to count.');
    expect(within(figures).getByRole('link', { name: 'Schools' })).toHaveTextContent('—');
    expect(within(figures).getByRole('link', { name: '3 Publishers' })).toBeInTheDocument();

    const recent = screen.getByRole('region', { name: 'Recent changes' });
    expect(await within(recent).findByRole('alert')).toHaveTextContent('The audit log is closed.');
    auditFails = false;
    await user.click(within(recent).getByRole('button', { name: 'Try again' }));
    expect(await within(recent).findByText(/Hilltop/)).toBeInTheDocument();
    expect(within(recent).queryByRole('alert')).not.toBeInTheDocument();
  });
});
