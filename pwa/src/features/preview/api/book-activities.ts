import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import { unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

export type PreviewBook = ApiData<'/api/v1/books/{book_id}', 'get'>;
export type ActivitySummary = ApiData<'/api/v1/books/{book_id}/activities', 'get'>[number];

export function bookQuery(bookId: string) {
  return queryOptions({
    queryKey: ['preview', 'book', bookId],
    queryFn: () => unwrap(api.GET('/api/v1/books/{book_id}', { params: { path: { book_id: bookId } } })),
  });
}

export function bookActivitiesQuery(bookId: string) {
  return queryOptions({
    queryKey: ['preview', 'book', bookId, 'activities'],
    queryFn: () => unwrap(api.GET('/api/v1/books/{book_id}/activities', { params: { path: { book_id: bookId } } })),
  });
}

/** The first page of books the caller can see (the sample catalogue is small; the books feature has the full one). */
export function booksQuery() {
  return queryOptions({
    queryKey: ['preview', 'books'],
    queryFn: () => unwrapPage(api.GET('/api/v1/books', { params: { query: { per_page: 100 } } })),
  });
}

export const useBook = (bookId: string) => useQuery(bookQuery(bookId));
export const useBookActivities = (bookId: string) => useQuery(bookActivitiesQuery(bookId));
export const useBooks = () => useQuery(booksQuery());
