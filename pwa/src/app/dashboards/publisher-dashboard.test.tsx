import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { errorEnvelope, fakeFetch, makeMe, pageEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const book = (id: number, title: string, language: string | null) => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  dream_storage_id: `B${id}`,
  title,
  publisher_id: null,
  publisher_name: 'Dream Publishing',
  language,
  status: 'active',
  cover_url: id === 1 ? `https://s3.test/books/B${id}/images/book_cover.png` : null,
  synced_at: null,
});

function serve(routes: Parameters<typeof fakeFetch>[0]) {
  const server = fakeFetch(routes);
  vi.stubGlobal('fetch', server.fetch);
  return server;
}

const perPageOf = (requests: Request[], path: string) =>
  requests.filter((request) => new URL(request.url).pathname === path).map((request) => new URL(request.url).searchParams.get('per_page'));

beforeEach(() => session.set({ status: 'signed-in', me: makeMe('publisher', { full_name: 'Pat Press' }) }));
afterEach(() => vi.unstubAllGlobals());

describe('the publisher dashboard', () => {
  it("counts the publisher's schools, teachers and books, lists a few books and offers the frequent tasks", async () => {
    const server = serve({
      'GET /api/v1/publishers/me/schools': () => pageEnvelope([], 4),
      'GET /api/v1/publishers/me/teachers': () => pageEnvelope([], 9),
      'GET /api/v1/books': () => pageEnvelope([book(1, 'Dream English 1', 'en'), book(2, 'Traumdeutsch 1', 'de')], 6),
    });
    const { user } = renderApp('/publisher');

    expect(await screen.findByRole('heading', { level: 1, name: 'Publisher workspace' })).toBeInTheDocument();
    expect(screen.getByText('Hello, Pat Press')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '4 Schools' })).toHaveAttribute('href', '/publisher/schools');
    expect(await screen.findByRole('link', { name: '9 Teachers' })).toHaveAttribute('href', '/publisher/teachers');
    expect(await screen.findByRole('link', { name: '6 Books' })).toHaveAttribute('href', '/books');

    const books = screen.getByRole('region', { name: 'Your books' });
    const links = await within(books).findAllByRole('link', { name: /1/ });
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Dream English 1English', '/books/00000000-0000-4000-8000-000000000001?page=1'],
      ['Traumdeutsch 1German', '/books/00000000-0000-4000-8000-000000000002?page=1'],
    ]);
    expect(within(books).getByRole('link', { name: 'See all books' })).toHaveAttribute('href', '/books');
    expect(screen.queryByRole('region', { name: 'What to do first' })).not.toBeInTheDocument();

    // The counts ask for one row; the books' total comes with the four books shown.
    expect(perPageOf(server.requests, '/api/v1/publishers/me/schools')).toEqual(['1']);
    expect(perPageOf(server.requests, '/api/v1/publishers/me/teachers')).toEqual(['1']);
    expect(perPageOf(server.requests, '/api/v1/books')).toEqual(['4']);

    const actions = screen.getByRole('region', { name: 'Quick actions' });
    expect(within(actions).getByRole('link', { name: 'Import teachers' })).toHaveAttribute('href', '/publisher/import');
    expect(within(actions).getByRole('link', { name: 'Preview activities' })).toHaveAttribute('href', '/preview/books');
    await user.click(within(actions).getByRole('button', { name: 'Add a teacher' }));
    expect(await screen.findByRole('dialog', { name: 'Add a teacher' })).toBeInTheDocument();
  });

  it('without schools says that an administrator adds them, and says where books come from', async () => {
    serve({
      'GET /api/v1/publishers/me/schools': () => pageEnvelope([], 0),
      'GET /api/v1/publishers/me/teachers': () => pageEnvelope([], 0),
      'GET /api/v1/books': () => pageEnvelope([], 0),
    });
    renderApp('/publisher');

    const next = await screen.findByRole('region', { name: 'What to do first' });
    expect(next).toHaveTextContent('No school uses your books yet. An administrator adds schools to your publisher');
    expect(
      await screen.findByText(
        'No books yet. Your books appear here once they are in Dream Central Storage and the catalogue has synced.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '0 Books' })).toBeInTheDocument();
  });

  it('with schools but no teachers says to add the teachers', async () => {
    serve({
      'GET /api/v1/publishers/me/schools': () => pageEnvelope([], 2),
      'GET /api/v1/publishers/me/teachers': () => pageEnvelope([], 0),
      'GET /api/v1/books': () => pageEnvelope([], 0),
    });
    renderApp('/publisher');

    expect(await screen.findByRole('region', { name: 'What to do first' })).toHaveTextContent(
      'Add the teachers of your schools, one by one or from a spreadsheet.',
    );
  });

  it('shows a failed book list in the server’s words with a retry, and keeps the other counts', async () => {
    let booksFail = true;
    serve({
      'GET /api/v1/publishers/me/schools': () => pageEnvelope([], 4),
      'GET /api/v1/publishers/me/teachers': () => pageEnvelope([], 9),
      'GET /api/v1/books': () =>
        booksFail ? errorEnvelope(403, 'FORBIDDEN', 'The books are locked.') : pageEnvelope([book(1, 'Dream English 1', 'en')], 1),
    });
    const { user } = renderApp('/publisher');

    const books = await screen.findByRole('region', { name: 'Your books' });
    expect(await within(books).findByRole('alert')).toHaveTextContent('The books are locked.');
    const figures = screen.getByRole('region', { name: 'At a glance' });
    expect(within(figures).getByRole('alert')).toHaveTextContent('The books are locked.');
    expect(within(figures).getByRole('link', { name: 'Books' })).toHaveTextContent('—');
    expect(within(figures).getByRole('link', { name: '4 Schools' })).toBeInTheDocument();

    booksFail = false;
    await user.click(within(books).getByRole('button', { name: 'Try again' }));
    expect(await within(books).findByRole('link', { name: /Dream English 1/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(within(figures).getByRole('link', { name: '1 Books' })).toBeInTheDocument();
  });
});
