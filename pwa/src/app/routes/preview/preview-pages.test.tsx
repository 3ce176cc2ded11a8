import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { errorEnvelope, fakeFetch, makeMe, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const ACTIVITY_ID = '11111111-1111-4111-8111-111111111111';
const BOOK_ID = '22222222-2222-4222-8222-222222222222';
const IMAGE_URL = 'https://s3.test/books/EN/images/p4.png?X-Amz-Signature=abc';

const box = (x: number, y: number) => ({ x, y, w: 100, h: 40 });
const summary = {
  id: ACTIVITY_ID,
  book_id: BOOK_ID,
  location_key: '0/4/2',
  module_name: 'Module 1: Animals',
  page_number: 4,
  section_index: 2,
  order_index: 1,
  activity_type: 'circle',
  title: 'Circle the right word.',
  header_text: 'Circle the right word.',
  is_archived: false,
};
const detail = {
  ...summary,
  // Two questions of two options; options 0 and 3 are right.
  config: {
    type: 'circle',
    headerText: 'Circle the right word.',
    section_path: IMAGE_URL,
    answer: [
      { coords: box(0, 0), isCorrect: true },
      { coords: box(120, 0) },
      { coords: box(0, 60) },
      { coords: box(120, 60), isCorrect: true },
    ],
  },
  assets: { 'images/p4.png': IMAGE_URL },
  content_hash: 'hash-1',
};
const serverScore = (score: number, correct: number) => ({
  score,
  correct,
  total: 2,
  items: [
    { index: 0, correct: correct > 0 },
    { index: 1, correct: false },
  ],
});

beforeEach(() => {
  session.set({ status: 'signed-in', me: makeMe('teacher') });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('activity preview', () => {
  it('plays the activity, shows the key on demand, and checks in the browser and on the server', async () => {
    const server = fakeFetch({
      [`GET /api/v1/activities/${ACTIVITY_ID}`]: () => okEnvelope(detail),
      [`POST /api/v1/activities/${ACTIVITY_ID}/check`]: () => okEnvelope(serverScore(50, 1)),
    });
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp(`/preview/activities/${ACTIVITY_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Circle the right word.' })).toBeInTheDocument();
    expect(screen.getByText('Module 1: Animals · page 4 · Circle')).toBeInTheDocument();
    expect(screen.getByAltText('Exercise picture')).toHaveAttribute('src', IMAGE_URL);
    await user.click(screen.getByRole('button', { name: 'Show answer key' }));
    expect(screen.getAllByText('correct answer')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Question 1, option 1' }));
    await user.click(screen.getByRole('button', { name: 'Check answers' }));

    const browser = await screen.findByTestId('browser-results');
    expect(within(browser).getByRole('status')).toHaveTextContent('Score: 50%');
    expect(within(browser).getByText('1 of 2 right')).toBeInTheDocument();
    const serverCard = screen.getByTestId('server-results');
    expect(await within(serverCard).findByText('Score: 50%')).toBeInTheDocument();
    expect(within(serverCard).getByText('The server gives the same score.')).toBeInTheDocument();
    const check = server.requests.find((request) => request.method === 'POST');
    expect(await check?.json()).toEqual({ answers: { selected: [0] } });

    await user.click(screen.getByRole('button', { name: 'Change answers' }));
    expect(await screen.findByRole('button', { name: 'Question 1, option 1' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByTestId('server-results')).not.toBeInTheDocument();
  });

  it("says so when the server's score differs, and shows a failed check with a retry", async () => {
    let calls = 0;
    const server = fakeFetch({
      [`GET /api/v1/activities/${ACTIVITY_ID}`]: () => okEnvelope(detail),
      [`POST /api/v1/activities/${ACTIVITY_ID}/check`]: () =>
        ++calls === 1
          ? errorEnvelope(400, 'INVALID_INPUT', 'The answers do not fit this activity.', [
              { field: '/selected/0', message: 'unknown option' },
            ])
          : okEnvelope(serverScore(100, 2)),
    });
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp(`/preview/activities/${ACTIVITY_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Check answers' }));
    const serverCard = screen.getByTestId('server-results');
    expect(await within(serverCard).findByRole('alert')).toHaveTextContent('The answers do not fit this activity.');

    await user.click(within(serverCard).getByRole('button', { name: 'Check again' }));
    expect(await within(serverCard).findByText("The server's score differs from this browser's (0%).")).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('is not open to students', async () => {
    session.set({ status: 'signed-in', me: makeMe('student') });
    vi.stubGlobal('fetch', fakeFetch({}).fetch);
    const { history } = renderApp(`/preview/activities/${ACTIVITY_ID}`);

    expect(await screen.findByRole('heading', { name: 'My learning' })).toBeInTheDocument();
    expect(history.location.pathname).toBe('/student');
  });
});

describe('book activities', () => {
  it("lists a book's activities and opens one in the preview", async () => {
    const second = { ...summary, id: '33333333-3333-4333-8333-333333333333', activity_type: 'puzzleFindWords', title: null, header_text: null, page_number: 6 };
    const server = fakeFetch({
      [`GET /api/v1/books/${BOOK_ID}`]: () => okEnvelope({ id: BOOK_ID, title: 'Dream English 1' }),
      [`GET /api/v1/books/${BOOK_ID}/activities`]: () => okEnvelope([summary, second]),
      [`GET /api/v1/activities/${ACTIVITY_ID}`]: () => okEnvelope(detail),
    });
    vi.stubGlobal('fetch', server.fetch);
    const { user, history } = renderApp(`/preview/books/${BOOK_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Dream English 1' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Activities' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Page 4Circle the right word.Circle',
      'Page 6Activity 2Word search',
    ]);

    await user.click(links[0]!);
    expect(await screen.findByRole('button', { name: 'Check answers' })).toBeInTheDocument();
    expect(history.location.pathname).toBe(`/preview/activities/${ACTIVITY_ID}`);
  });
});
