import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Role } from '@/shared/api/types';
import { getDb } from '@/shared/db/db';
import { session } from '@/shared/session/session';
import { fakeFetch, makeMe } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

import { notificationTarget } from '../lib/target';

const ASSIGNMENT = '0b9f0c4e-3d57-4b8e-9a51-1f2e3d4c5b6a';

async function seed(userId: string) {
  const row = (id: string, title: string, createdAt: string, readAt: string | null = null) => ({
    id,
    userId,
    type: 'assignment_created',
    title,
    body: null,
    data: { assignment_id: ASSIGNMENT },
    readAt,
    createdAt,
  });
  await getDb().notifications.bulkPut([
    row('n-old', 'Older, already read', '2030-01-01T08:00:00.000000Z', '2030-01-01T08:10:00Z'),
    row('n-new', 'New assignment: Animals', '2030-01-01T09:00:00.000000Z'),
    row('n-mid', 'New assignment: Colours', '2030-01-01T08:30:00.000000Z'),
    { ...row('n-other', 'Someone else', '2030-01-01T10:00:00.000000Z'), userId: 'another-user' },
  ]);
}

function signIn(role: Role) {
  const me = makeMe(role);
  session.set({ status: 'signed-in', me });
  // Offline: the marks must wait in the outbox (the sync engine sends them later).
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  vi.stubGlobal('fetch', fakeFetch({}).fetch);
  return me;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('notifications', () => {

  it('shows the unread count on the bell, lists newest first, and opening one marks it read and goes to the assignment', async () => {
    const me = signIn('student');
    await seed(me.id);
    const { user, history } = renderApp('/settings');

    const bell = await screen.findByRole('link', { name: 'Notifications, 2 unread' });
    expect(within(bell).getByText('2')).toBeInTheDocument();
    await user.click(bell);

    const list = await screen.findByRole('list', { name: 'Notifications' });
    const items = within(list).getAllByTestId('notification');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('New assignment: Animals'),
      expect.stringContaining('New assignment: Colours'),
      expect.stringContaining('Older, already read'),
    ]);
    expect(items.map((item) => item.dataset.read)).toEqual(['false', 'false', 'true']);

    await user.click(items[0]!);
    await waitFor(() => expect(history.location.pathname).toBe(`/student/assignments/${ASSIGNMENT}`));
    expect((await getDb().notifications.get('n-new'))!.readAt).not.toBeNull();
    const outbox = await getDb().outbox.toArray();
    expect(outbox).toEqual([
      expect.objectContaining({ kind: 'notification_read', userId: me.id, status: 'pending', payload: { notification_id: 'n-new' } }),
    ]);
    expect(await screen.findByRole('link', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
  });

  it('marks all read at once and queues one mark bounded by the newest shown', async () => {
    const me = signIn('teacher');
    await seed(me.id);
    const { user } = renderApp('/notifications');

    await user.click(await screen.findByRole('button', { name: 'Mark all as read' }));

    expect(await screen.findByRole('link', { name: 'Notifications' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).not.toBeInTheDocument();
    expect((await getDb().outbox.toArray()).map((row) => row.payload)).toEqual([{ up_to: '2030-01-01T09:00:00.000000Z' }]);
    expect((await getDb().notifications.get('n-other'))!.readAt).toBeNull();
  });

  it('says so when there is nothing', async () => {
    signIn('admin');
    renderApp('/notifications');
    expect(await screen.findByText(/No notifications yet/)).toBeInTheDocument();
  });

  it('leads students to the assignment, teachers to its results, and nowhere without an assignment', () => {
    const data = { assignment_id: ASSIGNMENT };
    expect(notificationTarget({ data }, 'student')).toEqual({ to: '/student/assignments/$assignmentId', params: { assignmentId: ASSIGNMENT } });
    expect(notificationTarget({ data }, 'teacher')).toEqual({ to: '/teacher/assignments/$assignmentId', params: { assignmentId: ASSIGNMENT } });
    expect(notificationTarget({ data }, 'admin')).toBeNull();
    expect(notificationTarget({ data: {} }, 'student')).toBeNull();
  });
});
