import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getDb } from '@/shared/db/db';
import { activityOpen } from '@/shared/lib/activity-store';
import { session } from '@/shared/session/session';
import { attemptIdFor } from '@/shared/sync';
import type { AssignmentPayload, SyncOp } from '@/shared/sync-engine';
import { FakeSyncServer } from '@/shared/sync-engine/fake-server';
import { fakeFetch, makeMe, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const STUDENT_PROFILE = '2b7e4a10-93c4-4f0e-b1d2-5a6c7d8e9f00';
const me = makeMe('student', { profile_id: STUDENT_PROFILE });
const ASSIGNMENT = '0b9f0c4e-3d57-4b8e-9a51-1f2e3d4c5b6a';
const ACTIVITY = '11111111-1111-4111-8111-111111111111';
const box = (x: number, y: number) => ({ x, y, w: 100, h: 40 });

function payload(overrides: Partial<AssignmentPayload> = {}): AssignmentPayload {
  return {
    id: ASSIGNMENT,
    book_id: 'b00c0000-0000-4000-8000-000000000000',
    name: 'Animals quiz',
    instructions: 'Circle the right words.',
    due_at: null,
    time_limit_minutes: null,
    max_attempts: 1,
    show_answers: true,
    activities: [
      {
        activity_id: ACTIVITY,
        position: 0,
        type: 'circle',
        config: {
          type: 'circle',
          headerText: 'Circle the right word.',
          answer: [{ coords: box(0, 0), isCorrect: true }, { coords: box(120, 0) }, { coords: box(0, 60) }, { coords: box(120, 60), isCorrect: true }],
        },
      },
    ],
    assets: [],
    ...overrides,
  };
}

async function seed(assignment: AssignmentPayload) {
  await getDb().assignments.put({
    id: `${me.id}:${assignment.id}`,
    userId: me.id,
    payload: assignment,
    dueAt: assignment.due_at,
    updatedAt: new Date().toISOString(),
  });
}

function stubServer(extra: Record<string, () => Response> = {}) {
  const sync = new FakeSyncServer(() => me.id);
  const api = fakeFetch({
    'POST /api/v1/sync/push': (request) => sync.fetch(request),
    'POST /api/v1/sync/pull': (request) => sync.fetch(request),
    'GET /api/v1/students/me/assignments': () => okEnvelope([]),
    ...extra,
  });
  vi.stubGlobal('fetch', api.fetch);
  return sync;
}

beforeEach(() => {
  session.set({ status: 'signed-in', me });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('student player', () => {
  it('saves every change on the device first, times the attempt, submits through the outbox', async () => {
    await seed(payload({ time_limit_minutes: 15 }));
    const sync = stubServer({
      [`GET /api/v1/students/me/assignments/${ASSIGNMENT}`]: () => okEnvelope({ status: 'submitted', score: 50, show_answers: true, max_attempts: 1, attempts_used: 1, name: 'Animals quiz' }),
    });
    const { user } = renderApp(`/student/assignments/${ASSIGNMENT}`);

    expect(await screen.findByRole('heading', { level: 2, name: 'Circle the right word.' })).toBeInTheDocument();
    expect(activityOpen.get()).toBe(true);
    expect(screen.getByRole('timer', { name: 'Time left' }).textContent).toMatch(/1[45]:\d\d/);
    await user.click(screen.getByRole('button', { name: 'Question 1, option 1' }));
    expect(await screen.findByText('Saved on this device')).toBeInTheDocument();

    const attemptId = attemptIdFor(ASSIGNMENT, STUDENT_PROFILE, 1);
    const local = await getDb().attemptStates.get(attemptId);
    expect(local?.state.answers[ACTIVITY]?.value).toEqual({ selected: [0] });
    const pending = await getDb().outbox.toArray();
    expect(pending).toHaveLength(1);
    expect((pending[0]!.payload as SyncOp).attempt.answers[ACTIVITY]?.value).toEqual({ selected: [0] });

    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Submit' }));

    expect(await screen.findByTestId('result-score')).toHaveTextContent('Your score: 50%');
    await waitFor(() => expect(sync.attempts.get(attemptId)?.status).toBe('submitted'));
    expect(sync.attempts.get(attemptId)?.answers[ACTIVITY]?.value).toEqual({ selected: [0] });
    await waitFor(async () => expect(await getDb().outbox.count()).toBe(0));
    const submitOp = sync.pushes().flatMap((push) => push.ops).find((op) => op.kind === 'submit_attempt');
    expect(submitOp?.client_score).toBe(50);
    expect(activityOpen.get()).toBe(false);
  });

  it('shows the pictures of an assignment played online without downloading it, from fresh server URLs', async () => {
    const picture = 'images/M1/p4s2.png';
    const base = payload();
    const circle = base.activities[0]!;
    await seed({ ...base, activities: [{ ...circle, config: { ...circle.config, section_path: picture } }] });
    stubServer({
      [`GET /api/v1/books/${base.book_id}/manifest`]: () =>
        okEnvelope({ book_id: base.book_id, assets: [{ key: picture, url: 'https://storage.example/p4s2.png?sig=1', size: 10, sha256: 'ab' }] }),
    });
    renderApp(`/student/assignments/${ASSIGNMENT}`);

    expect(await screen.findByRole('heading', { level: 2, name: 'Circle the right word.' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('img', { name: 'Exercise picture' })).toHaveAttribute('src', 'https://storage.example/p4s2.png?sig=1'));
  });
});

describe('student dashboard', () => {
  it('lists to do (due soon countdown, past due) and done with the server score', async () => {
    const hour = 3600_000;
    await seed(payload({ id: 'a1000000-0000-4000-8000-000000000000', name: 'Due soon', due_at: new Date(Date.now() + 3 * hour + 90_000).toISOString() }));
    await seed(payload({ id: 'a2000000-0000-4000-8000-000000000000', name: 'Late one', due_at: new Date(Date.now() - hour).toISOString() }));
    await seed(payload({ id: 'a3000000-0000-4000-8000-000000000000', name: 'Finished' }));
    const done = attemptIdFor('a3000000-0000-4000-8000-000000000000', STUDENT_PROFILE, 1);
    const stamp = { wall: 1, counter: 0, device: 'd' };
    await getDb().attemptStates.put({
      attemptId: done,
      userId: me.id,
      assignmentId: 'a3000000-0000-4000-8000-000000000000',
      updatedAt: 'x',
      state: {
        attempt_id: done,
        assignment_id: 'a3000000-0000-4000-8000-000000000000',
        attempt_number: 1,
        status: 'submitted',
        version_vector: { d: 2 },
        answers: {},
        answers_not_submitted: {},
        time_spent: {},
        started: { hlc: stamp, device_time: 1 },
        submitted: { hlc: { ...stamp, counter: 1 }, device_time: 2 },
      },
    });
    stubServer({
      'GET /api/v1/students/me/assignments': () =>
        okEnvelope([{ id: 'a3000000-0000-4000-8000-000000000000', status: 'submitted', score: 80, attempts_used: 1 }]),
    });
    renderApp('/student');

    const todo = await screen.findByRole('list', { name: 'To do (2)' });
    const items = within(todo).getAllByTestId('student-assignment');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual(['Late one', 'Due soon']);
    expect(within(items[0]!).getByText('Past due')).toBeInTheDocument();
    expect(within(items[1]!).getByText('Due in 3 h 1 min')).toBeInTheDocument();
    expect(within(items[1]!).getByRole('button', { name: 'Make available offline' })).toBeInTheDocument();
    const doneList = screen.getByRole('list', { name: 'Done (1)' });
    expect(await within(doneList).findByText('Score 80%')).toBeInTheDocument();
    expect(screen.getByTestId('sync-status')).toBeInTheDocument();
  });
});
