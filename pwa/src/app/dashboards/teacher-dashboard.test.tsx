import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { CLASS_3B, makeAssignment } from '@/features/assignments/testing';
import { session } from '@/shared/session/session';
import { errorEnvelope, fakeFetch, makeMe, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

const pageOf = (items: unknown[], total = items.length) =>
  Response.json({
    success: true,
    data: items,
    pagination: { page: 1, per_page: 6, total, total_pages: Math.ceil(total / 6), next_page: null, prev_page: null },
    meta: { request_id: 'r', timestamp: '' },
  });
// The figures' counts: only the totals matter.
const COUNTS = {
  'GET /api/v1/teachers/me/students': () => pageOf([], 31),
  'GET /api/v1/books': () => pageOf([], 4),
};

const ASSIGNMENTS = [
  makeAssignment({
    id: 'due-friday',
    name: 'Animals quiz',
    due_at: at(3 * DAY),
    stats: { targeted: 25, submitted: 18, in_progress: 2, not_started: 5, average_score: 76.4 },
  }),
  makeAssignment({
    id: 'due-tomorrow',
    name: 'Colours',
    due_at: at(DAY),
    stats: { targeted: 25, submitted: 0, in_progress: 0, not_started: 25, average_score: null },
  }),
  makeAssignment({
    id: 'was-due',
    name: 'Numbers',
    due_at: at(-2 * DAY),
    stats: { targeted: 20, submitted: 19, in_progress: 0, not_started: 1, average_score: 81 },
  }),
  makeAssignment({ id: 'long-ago', name: 'Last month', due_at: at(-30 * DAY) }),
  makeAssignment({ id: 'next-month', name: 'Next month', due_at: at(30 * DAY) }),
  makeAssignment({ id: 'undated', name: 'Anytime practice', due_at: null }),
];

function serve(routes: Parameters<typeof fakeFetch>[0]) {
  const server = fakeFetch({ ...COUNTS, ...routes });
  vi.stubGlobal('fetch', server.fetch);
  return server;
}

beforeEach(() => session.set({ status: 'signed-in', me: makeMe('teacher', { full_name: 'Tess Teacher' }) }));
afterEach(() => vi.unstubAllGlobals());

describe('the teacher dashboard', () => {
  it('lists what is due soon and recently due with the submissions, and the classes with their students', async () => {
    const server = serve({
      'GET /api/v1/assignments': () => okEnvelope(ASSIGNMENTS),
      'GET /api/v1/classes': () =>
        pageOf([CLASS_3B, { ...CLASS_3B, id: 'class-4a', name: 'Class 4A', student_count: 1 }], 8),
    });
    renderApp('/teacher');

    expect(await screen.findByRole('heading', { name: 'Teacher dashboard', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Hello, Tess Teacher')).toBeInTheDocument();
    expect(screen.queryByText('Coming to this dashboard')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New assignment' })).toHaveAttribute('href', '/teacher/assignments/new');
    expect(await screen.findByRole('link', { name: '8 Classes' })).toHaveAttribute('href', '/teacher/classes');
    expect(screen.getByRole('link', { name: '31 Students' })).toHaveAttribute('href', '/teacher/students');
    expect(screen.getByRole('link', { name: '4 Books' })).toHaveAttribute('href', '/books');
    // Classes and assignments exist: nothing to do first.
    expect(screen.queryByRole('region', { name: 'What to do first' })).not.toBeInTheDocument();

    // Soonest first; the far-off, long-past and undated ones stay on the assignments page.
    const dueSoon = await screen.findByRole('list', { name: 'Due in the next 7 days' });
    const soonItems = within(dueSoon).getAllByRole('listitem');
    expect(soonItems.map((item) => within(item).getByRole('link').textContent)).toEqual(['Colours', 'Animals quiz']);
    expect(soonItems[0]).toHaveTextContent('Due tomorrow');
    expect(soonItems[0]).toHaveTextContent('0 of 25 submitted');
    expect(soonItems[0]).not.toHaveTextContent('Average');
    expect(soonItems[1]).toHaveTextContent('Due in 3 days');
    expect(soonItems[1]).toHaveTextContent('18 of 25 submitted');
    expect(soonItems[1]).toHaveTextContent('Average score 76%');
    expect(within(soonItems[1]!).getByRole('link', { name: 'Animals quiz' })).toHaveAttribute(
      'href',
      '/teacher/assignments/due-friday',
    );

    const recent = screen.getByRole('list', { name: 'Due in the last 7 days' });
    const [numbers] = within(recent).getAllByRole('listitem');
    expect(numbers).toHaveTextContent('Numbers');
    expect(numbers).toHaveTextContent('Was due 2 days ago');
    expect(numbers).toHaveTextContent('19 of 20 submitted');
    expect(numbers).toHaveTextContent('Average score 81%');
    for (const name of ['Last month', 'Next month', 'Anytime practice']) {
      expect(screen.queryByRole('link', { name })).not.toBeInTheDocument();
    }
    expect(screen.getByRole('link', { name: 'All assignments' })).toHaveAttribute('href', '/teacher/assignments');

    const classes = await screen.findByRole('list', { name: 'Your classes' });
    const classItems = within(classes).getAllByRole('listitem');
    expect(classItems[0]).toHaveTextContent('5 students');
    expect(classItems[1]).toHaveTextContent('1 student');
    expect(within(classItems[0]!).getByRole('link', { name: 'Class 3B' })).toHaveAttribute('href', '/teacher/classes/class-3b');
    // Only the first classes are shown, so the link says how many there are in all.
    expect(screen.getByRole('link', { name: 'All classes (8)' })).toHaveAttribute('href', '/teacher/classes');

    // The assignments are the list page's query (the first 100, newest first); only active classes, by name.
    const classQuery = server.requests.map((request) => new URL(request.url)).find((url) => url.pathname === '/api/v1/classes');
    expect(classQuery?.searchParams.get('sort')).toBe('name');
    expect(classQuery?.searchParams.get('per_page')).toBe('6');
    expect(classQuery?.searchParams.has('include_archived')).toBe(false);
  });

  it('says there is nothing due this week when every assignment is far off or undated', async () => {
    serve({
      'GET /api/v1/assignments': () => okEnvelope(ASSIGNMENTS.filter((a) => ['long-ago', 'undated'].includes(a.id))),
      'GET /api/v1/classes': () => pageOf([CLASS_3B]),
    });
    renderApp('/teacher');

    expect(await screen.findByText('Nothing is due in the next 7 days, and nothing was due in the last 7 days.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Due in the next 7 days' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All assignments' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Manage classes' })).toHaveAttribute('href', '/teacher/classes');
  });

  it('tells a new teacher to add a class first, and lets them add it from the dashboard', async () => {
    serve({
      'GET /api/v1/assignments': () => okEnvelope([]),
      'GET /api/v1/classes': () => pageOf([]),
    });
    const { user } = renderApp('/teacher');

    const first = await screen.findByRole('region', { name: 'What to do first' });
    expect(first).toHaveTextContent('Create your first class');
    expect(await screen.findByText(/^No classes yet\./)).toBeInTheDocument();
    expect(await screen.findByText(/^No assignments yet\./)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Your classes' })).not.toBeInTheDocument();

    await user.click(within(first).getByRole('button', { name: 'New class' }));
    expect(await screen.findByRole('dialog', { name: 'New class' })).toBeInTheDocument();
  });

  it('once there is a class, tells the teacher to give the first assignment', async () => {
    serve({
      'GET /api/v1/assignments': () => okEnvelope([]),
      'GET /api/v1/classes': () => pageOf([CLASS_3B]),
    });
    renderApp('/teacher');

    const first = await screen.findByRole('region', { name: 'What to do first' });
    expect(first).toHaveTextContent('Give your classes their first assignment');
    expect(within(first).getByRole('link', { name: 'New assignment' })).toHaveAttribute('href', '/teacher/assignments/new');
  });

  it('shows loading placeholders, then why a list failed, and loads it again on retry', async () => {
    let failing = true;
    let releaseClasses = () => {};
    const classesAnswered = new Promise<void>((resolve) => {
      releaseClasses = resolve;
    });
    serve({
      'GET /api/v1/assignments': () =>
        failing ? errorEnvelope(403, 'FORBIDDEN', 'Only teachers can see assignments.') : okEnvelope(ASSIGNMENTS),
      'GET /api/v1/classes': async () => {
        await classesAnswered;
        return pageOf([CLASS_3B]);
      },
    });
    const { user } = renderApp('/teacher');

    expect(await screen.findByText('Only teachers can see assignments.')).toBeInTheDocument();
    // The classes are still loading: announced once, over grey placeholders.
    expect(within(screen.getByRole('region', { name: 'Your classes' })).getByRole('status')).toHaveTextContent('Loading…');

    releaseClasses();
    expect(await screen.findByRole('link', { name: 'Class 3B' })).toBeInTheDocument();

    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Animals quiz' })).toBeInTheDocument();
    expect(screen.queryByText('Only teachers can see assignments.')).not.toBeInTheDocument();
  });
});
