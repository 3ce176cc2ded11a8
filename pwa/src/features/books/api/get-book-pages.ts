import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { ApiData } from '@/shared/api/types';

import { bookKeys } from './book-keys';

export type BookPages = ApiData<'/api/v1/books/{book_id}/pages', 'get'>;
export type BookPage = BookPages['pages'][number];
export type PageMarker = BookPage['markers'][number];
export type PageAudio = BookPage['audio'][number];

// The page image and audio URLs are pre-signed for an hour; the server caches them for 45 minutes.
const PAGES_STALE_MS = 30 * 60 * 1000;

export function bookPagesQuery(bookId: string) {
  return queryOptions({
    queryKey: [...bookKeys.all, 'pages', bookId],
    queryFn: () => unwrap(api.GET('/api/v1/books/{book_id}/pages', { params: { path: { book_id: bookId } } })),
    staleTime: PAGES_STALE_MS,
    gcTime: PAGES_STALE_MS,
  });
}

export const useBookPages = (bookId: string) => useQuery(bookPagesQuery(bookId));
