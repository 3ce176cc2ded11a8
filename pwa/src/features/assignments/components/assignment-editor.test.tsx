import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { saveTokens } from '@/shared/session/session';
import { errorEnvelope, fakeFetch, makeTokens, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

import type { Assignment } from '../api/types';
import { activitySummary, BOOK, CLASS_3B, makeAnalytics, makeAssignment, student } from '../testing';

const PAST_DUE = '2001-03-04T09:30:00Z';
const ASSIGNMENT = makeAssignment({
  instructions: 'Read page 12 first.',
  due_at: PAST_DUE,
  time_limit_minutes: 20,
  max_attempts: 2,
  show_answers: false,
  activities: [
    { activity_id: 'act-2', position: 0, activity_type: 'matchTheWords', title: 'Match the words', module_name: 'Module 1', page_number: 14 },
    { activity_id: 'act-1', position: 1, activity_type: 'circle', title: 'Circle the animals', module_name: 'Module 1', page_number: 12 },
  ],
  targets: { class_ids: [CLASS_3B.id], student_ids: ['student-2'] },
});

function editorServer(put: (request: Request) => Response | Promise<Response>) {
  let current: Assignment = ASSIGNMENT;
  return fakeFetch({
    'GET /api/v1/books': () => okEnvelope([BOOK]),
    'GET /api/v1/books/book-1/activities': () =>
      okEnvelope([
        activitySummary('act-1', 'Circle the animals'),
        activitySummary('act-2', 'Match the words', { activity_type: 'matchTheWords', page_number: 14 }),
      ]),
    'GET /api/v1/classes': () => okEnvelope([CLASS_3B]),
    'GET /api/v1/teachers/me/students': () =>
      okEnvelope([student('student-1', 'Sam Student'), student('student-2', 'Mia Student')]),
    'GET /api/v1/assignments/assignment-1': () => okEnvelope(current),
    'PUT /api/v1/assignments/assignment-1': async (request) => {
      const response = await put(request.clone());
      if (response.ok) current = { ...current, ...((await request.json()) as Partial<Assignment>) };
      return response;
    },
    'GET /api/v1/assignments/assignment-1/results': () => okEnvelope({ assignment: current, students: [] }),
    'GET /api/v1/assignments/assignment-1/analytics': () => okEnvelope(makeAnalytics()),
  });
}

const puts = (server: ReturnType<typeof editorServer>) => server.requests.filter((request) => request.method === 'PUT');

function setValue(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function openReview() {
  return screen.findByRole('heading', { name: 'Step 5 of 5: Review' }, { timeout: 5_000 });
}

beforeEach(async () => {
  await saveTokens(makeTokens('teacher'));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('assignment editor', () => {
  it('opens from the results page on the review, pre-filled with the assignment', async () => {
    vi.stubGlobal('fetch', editorServer(() => okEnvelope(ASSIGNMENT)).fetch);
    const { user, history } = renderApp('/teacher/assignments/assignment-1');

    await user.click(await screen.findByRole('link', { name: 'Edit' }, { timeout: 5_000 }));
    expect(await openReview()).toBeInTheDocument();
    expect(history.location.pathname).toBe('/teacher/assignments/assignment-1/edit');
    expect(screen.getByRole('heading', { name: 'Edit “Animals”', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('Class 3B, Mia Student')).toBeInTheDocument();
    expect(screen.getByText('20 minutes')).toBeInTheDocument();
    expect(screen.getByText('Read page 12 first.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Change Name' }));
    expect(screen.getByLabelText('Name')).toHaveValue('Animals');
    expect(screen.getByLabelText('Instructions (optional)')).toHaveValue('Read page 12 first.');
    expect(screen.getByLabelText<HTMLInputElement>('Due date (optional)').value).not.toBe('');
    expect(new Date(screen.getByLabelText<HTMLInputElement>('Due date (optional)').value).toISOString()).toBe(
      new Date(PAST_DUE).toISOString(),
    );
    expect(screen.getByLabelText('Time limit in minutes (optional)')).toHaveValue('20');
    expect(screen.getByLabelText('Attempts allowed')).toHaveValue('2');
    expect(screen.getByRole('checkbox', { name: /Show students the right answers/ })).not.toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('checkbox', { name: 'Mia Student' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Class 3B/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Sam Student' })).not.toBeChecked();
    // Two students have work (the fixture's stats): the teacher is told what that means for the targets.
    expect(screen.getByText(/2 students have already started or submitted this assignment\. Students who have started keep/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    const order = within(screen.getByRole('heading', { name: /^Order/ }).parentElement!).getAllByRole('listitem');
    expect(order.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Match the words'),
      expect.stringContaining('Circle the animals'),
    ]);
  }, 15_000);

  it('sends only what changed (a passed due date may stay), then shows the results again', async () => {
    const server = editorServer(() => okEnvelope({ ...ASSIGNMENT, name: 'Animals 2' }));
    vi.stubGlobal('fetch', server.fetch);
    const { user, history } = renderApp('/teacher/assignments/assignment-1/edit');

    await openReview();
    await user.click(screen.getByRole('button', { name: 'Change Name' }));
    setValue('Name', '  Animals 2 ');
    setValue('Attempts allowed', '3');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await openReview();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('heading', { name: 'Animals 2', level: 1 });
    expect(history.location.pathname).toBe('/teacher/assignments/assignment-1');
    expect(puts(server)).toHaveLength(1);
    expect(await puts(server)[0]!.json()).toEqual({ name: 'Animals 2', max_attempts: 3 });
  }, 15_000);

  it('sends a new due date and a changed list of students', async () => {
    const server = editorServer(() => okEnvelope(ASSIGNMENT));
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/teacher/assignments/assignment-1/edit');

    await openReview();
    await user.click(screen.getByRole('button', { name: 'Change Given to' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Sam Student' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    setValue('Due date (optional)', '2099-06-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await openReview();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await expect.poll(() => puts(server).length).toBe(1);
    expect(await puts(server)[0]!.json()).toEqual({
      targets: { class_ids: ['class-3b'], student_ids: ['student-2', 'student-1'] },
      due_at: new Date('2099-06-01T10:00').toISOString(),
    });
  }, 15_000);

  it("shows the server's refusal next to the field it is about", async () => {
    const server = editorServer(() =>
      errorEnvelope(409, 'CONFLICT', 'Students have already answered activities you removed; keep those in the assignment.', [
        { field: 'activity_ids', message: 'Students have already answered “Circle the animals”.' },
      ]),
    );
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/teacher/assignments/assignment-1/edit');

    await openReview();
    await user.click(screen.getByRole('button', { name: 'Change Activities' }));
    await user.click(await screen.findByRole('button', { name: 'Remove Circle the animals' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await openReview();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    // Back on the activities step, the detail next to the list and the server's message above the buttons.
    expect(await screen.findByRole('heading', { name: 'Step 2 of 5: Activities' })).toHaveFocus();
    expect(await puts(server)[0]!.json()).toEqual({ activity_ids: ['act-2'] });
    const alerts = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toContain('Students have already answered “Circle the animals”.');
    expect(alerts).toContain(
      'The changes could not be saved: Students have already answered activities you removed; keep those in the assignment.',
    );
    expect(screen.getByRole('group', { name: 'Activities of this book' })).toHaveAccessibleDescription(
      'Students have already answered “Circle the animals”.',
    );
  }, 15_000);

  it('puts a field error of the server next to its field', async () => {
    const server = editorServer(() =>
      errorEnvelope(400, 'INVALID_INPUT', 'Some fields are not valid.', [{ field: 'name', message: 'Name is taken.' }]),
    );
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/teacher/assignments/assignment-1/edit');

    await openReview();
    await user.click(screen.getByRole('button', { name: 'Change Name' }));
    setValue('Name', 'Birds');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await openReview();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('heading', { name: 'Step 4 of 5: Options' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Name is taken.');
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/could not be saved/)).not.toBeInTheDocument();
  }, 15_000);
});
