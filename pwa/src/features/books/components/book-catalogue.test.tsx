import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { fakeFetch, makeMe } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const book = (id: number, title: string, language: string) => ({
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

function catalogueServer() {
  const all = [book(1, 'Dream English 1', 'en'), book(2, 'Traumdeutsch 1', 'de')];
  return fakeFetch({
    'GET /api/v1/books': (request) => {
      const query = new URL(request.url).searchParams;
      const search = query.get('search')?.toLowerCase();
      const items = all.filter(
        (b) => (!search || b.title.toLowerCase().includes(search)) && (!query.get('language') || b.language === query.get('language')),
      );
      const pagination = { page: 1, per_page: 12, total: items.length, total_pages: 1, next_page: null, prev_page: null };
      return Response.json({ success: true, data: items, pagination, meta: { request_id: 'r', timestamp: '' } });
    },
  });
}

describe('book catalogue', () => {
  it('lists the books with covers, searches and filters by language on the server', async () => {
    session.set({ status: 'signed-in', me: makeMe('teacher') });
    const server = catalogueServer();
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/books');

    expect(await screen.findByRole('img', { name: 'Cover of Dream English 1' })).toHaveAttribute(
      'src',
      'https://s3.test/books/B1/images/book_cover.png',
    );
    expect(screen.getByText('Traumdeutsch 1').closest('a')).toHaveAttribute(
      'href',
      '/books/00000000-0000-4000-8000-000000000002?page=1',
    );

    await user.selectOptions(screen.getByLabelText('Language'), 'de');
    await waitFor(() => expect(screen.queryByText('Dream English 1')).not.toBeInTheDocument());
    expect(new URL(server.requests.at(-1)?.url ?? '').searchParams.get('language')).toBe('de');

    await user.selectOptions(screen.getByLabelText('Language'), '');
    await user.type(screen.getByLabelText('Search by title or publisher'), 'english');
    await waitFor(() => expect(screen.queryByText('Traumdeutsch 1')).not.toBeInTheDocument());
    expect(screen.getByText('Dream English 1')).toBeInTheDocument();
    expect(new URL(server.requests.at(-1)?.url ?? '').searchParams.get('search')).toBe('english');
  });
});
