import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ActivityAnalytics, ItemAnalytics } from '@/features/assignments/api/types';
import { makeAnalytics, makeAssignment, makeResult } from '@/features/assignments/testing';
import { vectorCase } from '@/shared/players/testing';
import { saveTokens } from '@/shared/session/session';
import { fakeFetch, makeTokens, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

type ActivityType = ActivityAnalytics['activity_type'];

const circle = vectorCase('circle', 'circleCount 2'); // answers {selected: [0, 3, 5]}: 2 of 3 right, 67%
const assignment = makeAssignment();
const ROWS = [
  makeResult({
    student_id: 'student-1',
    full_name: 'Sam Student',
    status: 'submitted',
    score: 67,
    time_spent_seconds: 125,
    started_at: '2030-05-02T09:00:00Z',
    completed_at: '2030-05-02T09:02:05Z',
    synced_late: true,
    attempts_used: 1,
    latest_attempt: {
      id: 'attempt-1',
      attempt_number: 1,
      status: 'submitted',
      started_at: '2030-05-02T09:00:00Z',
      submitted_at: '2030-05-02T09:02:05Z',
      score: 67,
      synced_late: true,
      answers: { 'act-1': { value: circle.answers, hlc: '2030-05-02T09:02:05.000Z-0000-device' } },
      // Answered on a second tablet that had not seen the submission: kept, shown apart, never scored.
      answers_not_submitted: { 'act-1': { value: { selected: [1] }, answered_at: '2030-05-02T09:10:00Z' } },
      item_results: null,
    },
  }),
  makeResult({ student_id: 'student-2', full_name: 'Mia Student', status: 'in_progress', attempts_used: 1 }),
  makeResult({ student_id: 'student-3', full_name: 'Leo Student', past_due: true, time_limit_extension_minutes: 30 }),
];
const ANALYTICS = makeAnalytics({
  submitted: 1,
  average_score: 67,
  activities: [
    {
      activity_id: 'act-1',
      position: 0,
      activity_type: 'circle',
      title: 'Circle the animals',
      attempts: 1,
      average_score: 67,
      correct_rate: 0.6667,
      items: [
        { index: 0, answered: 1, correct: 1, correct_rate: 1, common_wrong_answers: [] },
        // Question 3 (options 4 and 5): the student picked its second option.
        { index: 2, answered: 1, correct: 0, correct_rate: 0, common_wrong_answers: [{ answer: 1, count: 1 }] },
      ],
    },
  ],
});

function resultsServer(shown = assignment, analytics = ANALYTICS) {
  return fakeFetch({
    'GET /api/v1/assignments': () => okEnvelope([shown]),
    'GET /api/v1/assignments/assignment-1/results': () => okEnvelope({ assignment: shown, students: ROWS }),
    'GET /api/v1/assignments/assignment-1/analytics': () => okEnvelope(analytics),
    'GET /api/v1/activities/act-1': () =>
      okEnvelope({
        id: 'act-1',
        book_id: 'book-1',
        activity_type: 'circle',
        config: circle.config,
        assets: {},
        content_hash: 'hash',
        header_text: 'Look and choose.',
        is_archived: false,
        location_key: 'loc',
        module_name: 'Module 1',
        order_index: 0,
        page_number: 12,
        section_index: 0,
        title: 'Circle the animals',
      }),
    'PUT /api/v1/assignments/assignment-1/students/student-2/extension': () => okEnvelope(ROWS[1]),
  });
}

function row(name: string) {
  return screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;
}

beforeEach(async () => {
  await saveTokens(makeTokens('teacher'));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('teacher assignment pages', () => {
  it('lists assignments with a completion bar', async () => {
    vi.stubGlobal('fetch', resultsServer().fetch);
    renderApp('/teacher/assignments');

    const link = await screen.findByRole('link', { name: 'Animals' }, { timeout: 5_000 });
    expect(link).toHaveAttribute('href', '/teacher/assignments/assignment-1');
    const bar = screen.getByRole('progressbar', { name: 'Completion of Animals' });
    expect(bar).toHaveAttribute('aria-valuenow', '20');
    expect(bar).toHaveAttribute('aria-valuetext', '1 of 5 students finished');
    expect(screen.getByText(/1 activity/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New assignment' })).toHaveAttribute('href', '/teacher/assignments/new');
  });

  it("shows every student's result, draws their answers on the activity read-only, and the item analysis", async () => {
    vi.stubGlobal('fetch', resultsServer().fetch);
    const { user } = renderApp('/teacher/assignments/assignment-1');

    expect(await screen.findByRole('heading', { name: 'Animals', level: 1 }, { timeout: 5_000 })).toBeInTheDocument();
    const sam = row('Sam Student');
    expect(within(sam).getByText('Submitted')).toBeInTheDocument();
    expect(within(sam).getByText('Synced late')).toBeInTheDocument();
    expect(within(sam).getByText('67%')).toBeInTheDocument();
    expect(within(sam).getByText('2 min 5 s')).toBeInTheDocument();
    expect(within(sam).getByText('1 of 1')).toBeInTheDocument();
    expect(within(row('Mia Student')).getByText('In progress')).toBeInTheDocument();
    expect(within(row('Mia Student')).getByRole('button', { name: 'Answers of Mia Student' })).toBeDisabled();
    expect(within(row('Leo Student')).getByText('Past due')).toBeInTheDocument();
    expect(within(row('Leo Student')).getByText('30 minutes for this student')).toBeInTheDocument();

    const answersButton = within(sam).getByRole('button', { name: 'Answers of Sam Student' });
    await user.click(answersButton);
    expect(answersButton).toHaveAttribute('aria-expanded', 'true');
    const answers = await screen.findByRole('region', { name: 'Answers of Sam Student' });
    const player = (await within(answers).findAllByRole('region', { name: 'Look and choose.' }))[0]!;
    expect(within(player).getByText('Score: 67%')).toBeInTheDocument();
    expect(within(player).getAllByText('right')).toHaveLength(2);
    expect(within(player).getAllByText('wrong')).toHaveLength(1);
    // Read-only: no undo or start-again tools.
    expect(within(player).queryByRole('toolbar')).not.toBeInTheDocument();
    // The answers given after submitting are drawn apart, labelled, without a score or right/wrong marks.
    const notCounted = within(answers).getByRole('region', { name: 'Answered on another device after submitting — not scored' });
    expect(notCounted.contains(player)).toBe(false);
    expect(await within(notCounted).findByRole('region', { name: 'Look and choose.' })).toBeInTheDocument();
    expect(within(notCounted).getByText(/^Answered .*2030/)).toBeInTheDocument();
    expect(within(notCounted).queryByText(/^Score:/)).not.toBeInTheDocument();
    expect(within(notCounted).queryByText('right')).not.toBeInTheDocument();

    const analysis = screen.getByRole('table', { name: 'Items of Activity 1: Circle the animals' });
    const items = within(analysis).getAllByTestId('analytics-item');
    expect(items[0]).toHaveTextContent('Item 1');
    expect(items[0]).toHaveTextContent('100% (1 of 1)');
    expect(items[1]).toHaveTextContent('Item 3');
    expect(items[1]).toHaveTextContent('0% (0 of 1)');
    expect(items[1]).toHaveTextContent('“Option 2” (1 student)');
  }, 15_000);

  it('lists every item of an activity left blank as wrong, with no answer', async () => {
    const activity = (id: string, position: number, activity_type: ActivityType, title: string) => ({
      activity_id: id,
      position,
      activity_type,
      title,
      module_name: 'Module 1',
      page_number: 12,
    });
    const blank = (index: number, answer: string | null = null) => ({
      index,
      answered: 1,
      correct: 0,
      correct_rate: 0,
      common_wrong_answers: [{ answer, count: 1 }],
    });
    const analysed = (id: string, position: number, activity_type: ActivityType, title: string, items: ItemAnalytics[]) => ({
      ...activity(id, position, activity_type, title),
      attempts: 1,
      average_score: 0,
      correct_rate: items.length ? 0 : null,
      items,
    });
    const shown = makeAssignment({
      activities: [
        activity('act-2', 0, 'fillpicture', 'Label the picture'),
        activity('act-3', 1, 'puzzleFindWords', 'Find the animals'),
        activity('act-4', 2, 'matchTheWords', 'Match the words'),
      ],
    });
    const analytics = makeAnalytics({
      submitted: 1,
      average_score: 0,
      activities: [
        analysed('act-2', 0, 'fillpicture', 'Label the picture', [blank(0), blank(1)]),
        analysed('act-3', 1, 'puzzleFindWords', 'Find the animals', [blank(0), blank(1), blank(2)]),
        // Its book config cannot be scored: the server has no items to list.
        analysed('act-4', 2, 'matchTheWords', 'Match the words', []),
      ],
    });
    vi.stubGlobal('fetch', resultsServer(shown, analytics).fetch);
    renderApp('/teacher/assignments/assignment-1');

    const labels = await screen.findByRole('table', { name: 'Items of Activity 1: Label the picture' }, { timeout: 5_000 });
    const items = within(labels).getAllByTestId('analytics-item');
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent('Item 2');
    expect(items[1]).toHaveTextContent('0% (0 of 1)');
    expect(items[1]).toHaveTextContent('No answer (1 student)');
    const words = within(screen.getByRole('table', { name: 'Items of Activity 2: Find the animals' })).getAllByTestId(
      'analytics-item',
    );
    expect(words).toHaveLength(3);
    expect(words[2]).toHaveTextContent('0% (0 of 1)');
    expect(words[2]).toHaveTextContent('Not found (1 student)');
    expect(screen.queryByRole('table', { name: 'Items of Activity 3: Match the words' })).not.toBeInTheDocument();
    expect(screen.getByText('This activity could not be scored, so there are no items to show.')).toBeInTheDocument();
    expect(screen.getAllByText('1 submission · average 0%')).toHaveLength(3);
  }, 15_000);

  it('gives one student more time', async () => {
    const server = resultsServer();
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/teacher/assignments/assignment-1');

    await screen.findByRole('heading', { name: 'Animals', level: 1 }, { timeout: 5_000 });
    await user.click(within(row('Mia Student')).getByRole('button', { name: 'Extension for Mia Student' }));
    const form = screen.getByRole('form', { name: 'Extension for Mia Student' });
    await user.click(within(form).getByRole('button', { name: 'Save extension' }));
    expect(within(form).getByText('Enter a due date, a time limit, or both.')).toBeInTheDocument();

    await user.type(within(form).getByLabelText('Time limit in minutes for this student'), '45');
    await user.click(within(form).getByRole('button', { name: 'Save extension' }));

    await expect.poll(() => screen.queryByRole('form')).toBeNull();
    const put = server.requests.find((request) => request.method === 'PUT')!;
    expect(await put.json()).toEqual({ due_at: null, time_limit_minutes: 45 });
    // The results are fetched again after the change.
    expect(server.requests.filter((request) => request.url.endsWith('/results')).length).toBeGreaterThanOrEqual(2);
  }, 15_000);
});
