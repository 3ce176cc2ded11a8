import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getDb } from '@/shared/db/db';
import { session } from '@/shared/session/session';
import { saveActivityAnswers, startAttempt, type AssignmentPayload } from '@/shared/sync-engine';
import { FakeSyncServer } from '@/shared/sync-engine/fake-server';
import { fakeFetch, makeMe, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const STUDENT_PROFILE = '2b7e4a10-93c4-4f0e-b1d2-5a6c7d8e9f00';
const me = makeMe('student', { profile_id: STUDENT_PROFILE });
const REMOVED = '0b9f0c4e-3d57-4b8e-9a51-1f2e3d4c5b6a';
const FLAKY = '5a1e2d3c-4b5a-4968-8776-655443322110';
const ACT1 = '11111111-1111-4111-8111-111111111111';
const ACT2 = '22222222-2222-4222-8222-222222222222';

function payload(id: string, name: string): AssignmentPayload {
  return {
    id,
    book_id: 'b00c0000-0000-4000-8000-000000000000',
    name,
    due_at: null,
    time_limit_minutes: null,
    max_attempts: 1,
    show_answers: true,
    activities: [ACT1, ACT2].map((activity_id, position) => ({ activity_id, position, type: 'circle', config: {} })),
    assets: [],
  };
}

/** An assignment on the device with a started attempt that answered the second activity. */
async function workOn(assignment: AssignmentPayload) {
  const db = getDb();
  await db.assignments.put({ id: `${me.id}:${assignment.id}`, userId: me.id, payload: assignment, dueAt: null, updatedAt: '' });
  const ctx = { db, userId: me.id };
  const attempt = await startAttempt(ctx, { assignmentId: assignment.id, studentId: STUDENT_PROFILE, attemptNumber: 1 });
  await saveActivityAnswers(ctx, attempt.attempt_id, ACT2, { selected: [0] });
}

function stubServer(sync: FakeSyncServer) {
  const api = fakeFetch({
    'POST /api/v1/sync/push': (request) => sync.fetch(request),
    'POST /api/v1/sync/pull': (request) => sync.fetch(request),
    'POST /api/v1/sync/devices': (request) => sync.fetch(request),
    'GET /api/v1/students/me/assignments': () => okEnvelope([]),
  });
  vi.stubGlobal('fetch', api.fetch);
}

beforeEach(() => {
  session.set({ status: 'signed-in', me });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sync status: changes the server did not accept', () => {
  it('lists them in plain words with the assignment and activity, keeps retryable ones waiting, and dismisses', async () => {
    const sync = new FakeSyncServer(() => me.id);
    sync.rejections.set(REMOVED, { code: 'not_assigned', reason: 'assignment target missing' });
    sync.rejections.set(FLAKY, { code: 'internal_error', reason: 'deadlock', retryable: true });
    stubServer(sync);
    await workOn(payload(REMOVED, 'Animals quiz'));
    await workOn(payload(FLAKY, 'Colours'));
    const { user } = renderApp('/student');

    const open = await screen.findByRole('button', { name: '1 change was not accepted. Show it' }, { timeout: 5_000 });
    // The retryable rejection stays in the outbox: shown as waiting, not as not accepted.
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveAttribute('data-pending', '1'));
    await user.click(open);

    const dialog = screen.getByRole('dialog', { name: 'Not accepted by the server' });
    const entries = await within(dialog).findAllByTestId('not-synced-entry');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toHaveTextContent('Animals quiz');
    expect(entries[0]).toHaveTextContent('This assignment is no longer given to you.');
    expect(entries[0]).toHaveTextContent('Answers to activity 2');
    expect(entries[0]).toHaveTextContent('Not accepted');
    expect(within(dialog).queryByText('Colours')).not.toBeInTheDocument();
    // Kept on the device with what it concerns.
    const [row] = await getDb().outbox.where('[userId+status]').equals([me.id, 'rejected']).toArray();
    expect(row).toMatchObject({ assignmentId: REMOVED, activityIds: [ACT2], error: { code: 'not_assigned' } });

    await user.click(within(dialog).getByRole('button', { name: 'Dismiss: Animals quiz' }));

    await waitFor(async () => expect(await getDb().outbox.where('[userId+status]').equals([me.id, 'rejected']).count()).toBe(0));
    await waitFor(() => expect(screen.queryByRole('button', { name: /not accepted/ })).not.toBeInTheDocument());
    expect(await getDb().outbox.where('[userId+status]').equals([me.id, 'pending']).count()).toBe(1);
  }, 15_000);
});
