import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { fakeFetch, makeMe } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const ADMIN_ID = '11111111-1111-4111-8111-111111111111';
const PUBLISHER_ID = '22222222-2222-4222-8222-222222222222';
const pagination = { page: 1, per_page: 25, total: 4, total_pages: 1, next_page: null, prev_page: null };
const page = (items: unknown[]) => Response.json({ success: true, data: items, pagination, meta: { request_id: 'r', timestamp: '' } });

const entry = (id: string, actor: { actor_user_id: string | null; actor_name: string | null; actor_email: string | null }) => ({
  id,
  ...actor,
  action: 'school.update',
  entity_type: 'school',
  entity_id: null,
  before: null,
  after: null,
  ip: null,
  created_at: '2026-01-01T00:00:00Z',
});

afterEach(() => vi.unstubAllGlobals());

describe('Audit log', () => {
  it('names who acted, keeps their id for hover, and still names them once they are deleted', async () => {
    session.set({ status: 'signed-in', me: makeMe('admin') });
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'GET /api/v1/admin/audit-log': () =>
          page([
            entry('e1', { actor_user_id: ADMIN_ID, actor_name: 'Ada Admin', actor_email: 'ada@dream.test' }),
            entry('e2', { actor_user_id: PUBLISHER_ID, actor_name: 'Pat Press', actor_email: null }),
            entry('e3', { actor_user_id: null, actor_name: 'Gone Gus', actor_email: 'gus@dream.test' }),
            entry('e4', { actor_user_id: null, actor_name: null, actor_email: null }),
          ]),
      }).fetch,
    );
    renderApp('/admin/audit-log');

    const table = await screen.findByRole('table', { name: 'Audit log' });
    const whoCells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]!);
    expect(whoCells.map((cell) => cell.textContent)).toEqual([
      'Ada Admin (ada@dream.test)',
      'Pat Press',
      'Gone Gus (gus@dream.test)',
      'System',
    ]);
    expect(within(whoCells[0]!).getByText('Ada Admin (ada@dream.test)')).toHaveAttribute('title', ADMIN_ID);
    const deleted = within(whoCells[2]!).getByText('Gone Gus (gus@dream.test)');
    expect(deleted).toHaveAttribute('title', 'A user who has since been deleted');
    expect(table).not.toHaveTextContent(ADMIN_ID);
  });
});
