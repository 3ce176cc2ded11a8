import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { fakeFetch, makeMe } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const PUBLISHER_ID = '11111111-1111-4111-8111-111111111111';
const pageOf = (items: unknown[]) =>
  Response.json({
    success: true,
    data: items,
    pagination: { page: 1, per_page: 20, total: items.length, total_pages: 1, next_page: null, prev_page: null },
    meta: { request_id: 'r', timestamp: '' },
  });

afterEach(() => vi.unstubAllGlobals());

const queries = (server: ReturnType<typeof fakeFetch>, path: string) =>
  server.requests.map((request) => new URL(request.url)).filter((url) => url.pathname === path).map((url) => url.searchParams);

describe('The shared list page', () => {
  it('sorts students by name, grade or date, in that order, and says when there are none', async () => {
    session.set({ status: 'signed-in', me: makeMe('teacher') });
    const server = fakeFetch({ 'GET /api/v1/teachers/me/students': () => pageOf([]) });
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/teacher/students');

    expect(await screen.findByText('No students yet. Add one, or import a class from a spreadsheet.')).toBeInTheDocument();
    const sort = screen.getByLabelText('Sort by');
    expect(within(sort).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Name (A–Z)',
      'Name (Z–A)',
      'Grade',
      'Newest first',
      'Oldest first',
    ]);
    await user.selectOptions(sort, 'Grade');
    await vi.waitFor(() => expect(queries(server, '/api/v1/teachers/me/students').at(-1)?.get('sort')).toBe('grade'));
  });

  it('filters and sorts schools, with the table captioned by the page title', async () => {
    session.set({ status: 'signed-in', me: makeMe('admin') });
    const server = fakeFetch({
      'GET /api/v1/admin/schools': () =>
        pageOf([
          {
            id: '22222222-2222-4222-8222-222222222222',
            publisher_id: PUBLISHER_ID,
            name: 'Hill School',
            address: null,
            contact_email: 'office@hill.test',
            contact_phone: null,
            created_at: '2026-01-01T00:00:00Z',
          },
        ]),
      'GET /api/v1/admin/publishers': () =>
        pageOf([{ id: PUBLISHER_ID, name: 'Blue Owl Press', email: 'owl@press.test', contact_email: null, is_active: true }]),
    });
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/admin/schools');

    const table = await screen.findByRole('table', { name: 'Schools' });
    expect(await within(table).findByRole('cell', { name: 'Blue Owl Press' })).toBeInTheDocument();
    expect(within(screen.getByLabelText('Sort by')).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Name (A–Z)',
      'Name (Z–A)',
      'Newest first',
      'Oldest first',
    ]);
    await user.selectOptions(screen.getByLabelText('Publisher'), 'Blue Owl Press');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Newest first');
    await vi.waitFor(() => {
      const last = queries(server, '/api/v1/admin/schools').at(-1);
      expect([last?.get('publisher_id'), last?.get('sort')]).toEqual([PUBLISHER_ID, '-created_at']);
    });
  });
});
