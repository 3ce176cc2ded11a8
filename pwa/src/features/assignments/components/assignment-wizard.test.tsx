import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { saveTokens } from '@/shared/session/session';
import { fakeFetch, makeTokens, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

import { activitySummary, BOOK, CLASS_3B, makeAnalytics, makeAssignment, student } from '../testing';

const ACTIVITIES = [
  activitySummary('act-1', 'Circle the animals'),
  activitySummary('act-2', 'Match the words', { activity_type: 'matchTheWords', page_number: 14 }),
  activitySummary('act-3', 'Old one', { is_archived: true }),
];

function wizardServer() {
  const created = makeAssignment();
  return fakeFetch({
    'GET /api/v1/books': () => okEnvelope([BOOK]),
    'GET /api/v1/books/book-1/activities': () => okEnvelope(ACTIVITIES),
    'GET /api/v1/classes': () => okEnvelope([CLASS_3B]),
    'GET /api/v1/teachers/me/students': () =>
      okEnvelope([student('student-1', 'Sam Student'), student('student-2', 'Mia Student')]),
    'POST /api/v1/assignments': () => okEnvelope(created, { status: 201 }),
    'GET /api/v1/assignments/assignment-1/results': () => okEnvelope({ assignment: created, students: [] }),
    'GET /api/v1/assignments/assignment-1/analytics': () => okEnvelope(makeAnalytics()),
  });
}

// Typing key by key is slow in jsdom and tests nothing of ours; a change event is what the wizard reads.
function setValue(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function next(user: ReturnType<typeof renderApp>['user']) {
  await user.click(screen.getByRole('button', { name: 'Next' }));
}

beforeEach(async () => {
  await saveTokens(makeTokens('teacher'));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('assignment wizard', () => {
  it('walks book -> ordered activities -> class and student -> options -> review, and creates the assignment', async () => {
    const server = wizardServer();
    vi.stubGlobal('fetch', server.fetch);
    const { user, history } = renderApp('/teacher/assignments/new');

    // Step 1: a book is required.
    // The first render loads the route's lazy chunk.
    expect(await screen.findByRole('heading', { name: 'Step 1 of 5: Book' }, { timeout: 5_000 })).toBeInTheDocument();
    await screen.findByRole('radio', { name: /English 3/ });
    await next(user);
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a book.');
    await user.click(screen.getByRole('radio', { name: /English 3/ }));
    await next(user);

    // Step 2: activities of that book (archived ones hidden), in the order chosen, reordered.
    expect(await screen.findByRole('heading', { name: 'Step 2 of 5: Activities' })).toHaveFocus();
    await next(user);
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one activity.');
    expect(screen.queryByRole('checkbox', { name: /Old one/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /Match the words/ }));
    await user.click(screen.getByRole('checkbox', { name: /Circle the animals/ }));
    const order = () =>
      within(screen.getByRole('heading', { name: /^Order/ }).parentElement!)
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    expect(order()[0]).toContain('Match the words');
    await user.click(screen.getByRole('button', { name: 'Move Circle the animals up' }));
    expect(order()[0]).toContain('Circle the animals');
    await next(user);

    // Step 3: at least one class or student.
    expect(await screen.findByRole('heading', { name: 'Step 3 of 5: Students' })).toBeInTheDocument();
    await screen.findByRole('checkbox', { name: /Class 3B/ });
    await next(user);
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one class or student.');
    await user.click(screen.getByRole('checkbox', { name: /Class 3B/ }));
    await user.click(await screen.findByRole('checkbox', { name: 'Mia Student' }));
    await next(user);

    // Step 4: options; the name starts as the book's title, a past due date is refused.
    expect(await screen.findByRole('heading', { name: 'Step 4 of 5: Options' })).toBeInTheDocument();
    const name = screen.getByLabelText('Name');
    expect(name).toHaveValue('English 3');
    setValue('Name', 'Animals');
    setValue('Due date (optional)', '2001-01-01T10:00');
    setValue('Time limit in minutes (optional)', '0');
    await next(user);
    expect(screen.getByLabelText('Due date (optional)')).toHaveAccessibleDescription(
      'Work submitted after this is marked past due. The due date has already passed. Choose a later one.',
    );
    expect(screen.getByLabelText('Time limit in minutes (optional)')).toHaveAttribute('aria-invalid', 'true');
    setValue('Due date (optional)', '2099-06-01T10:00');
    setValue('Time limit in minutes (optional)', '20');
    setValue('Attempts allowed', '2');
    await user.click(screen.getByRole('checkbox', { name: /Show students the right answers/ }));
    await next(user);

    // Step 5: review, then create.
    expect(await screen.findByRole('heading', { name: 'Step 5 of 5: Review' })).toBeInTheDocument();
    expect(screen.getByText('Class 3B, Mia Student')).toBeInTheDocument();
    expect(screen.getByText('20 minutes')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create assignment' }));

    await screen.findByRole('heading', { name: 'Animals', level: 1 });
    expect(history.location.pathname).toBe('/teacher/assignments/assignment-1');
    const post = server.requests.find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({
      name: 'Animals',
      instructions: null,
      book_id: 'book-1',
      activity_ids: ['act-1', 'act-2'],
      targets: { class_ids: ['class-3b'], student_ids: ['student-2'] },
      due_at: new Date('2099-06-01T10:00').toISOString(),
      time_limit_minutes: 20,
      show_answers: false,
      max_attempts: 2,
    });
  }, 15_000);

  it('a new book clears the chosen activities, and Change on the review goes back to that step', async () => {
    const other = { ...BOOK, id: 'book-2', title: 'Maths 3', publisher_name: null };
    const base = wizardServer();
    const server = fakeFetch({
      'GET /api/v1/books': () => okEnvelope([BOOK, other]),
      'GET /api/v1/books/book-2/activities': () => okEnvelope([activitySummary('m-1', 'Count the apples', { book_id: 'book-2' })]),
    });
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(new Request(input, init).url).pathname;
      return path === '/api/v1/books' || path.startsWith('/api/v1/books/book-2') ? server.fetch(input, init) : base.fetch(input, init);
    });
    const { user } = renderApp('/teacher/assignments/new');

    await user.click(await screen.findByRole('radio', { name: /English 3/ }, { timeout: 5_000 }));
    await next(user);
    await user.click(await screen.findByRole('checkbox', { name: /Circle the animals/ }));
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(screen.getByRole('radio', { name: /Maths 3/ }));
    await next(user);
    expect(await screen.findByRole('checkbox', { name: /Count the apples/ })).not.toBeChecked();
    await next(user);
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one activity.');
    await user.click(screen.getByRole('checkbox', { name: /Count the apples/ }));
    await next(user);
    await user.click(await screen.findByRole('checkbox', { name: 'Sam Student' }));
    await next(user);
    await next(user);

    expect(await screen.findByRole('heading', { name: 'Step 5 of 5: Review' })).toBeInTheDocument();
    expect(screen.getByText('Maths 3', { selector: 'dd' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Change Given to' }));
    expect(await screen.findByRole('heading', { name: 'Step 3 of 5: Students' })).toHaveFocus();
    expect(screen.getByRole('checkbox', { name: 'Sam Student' })).toBeChecked();
  }, 15_000);
});
