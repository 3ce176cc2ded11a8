import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { ApiData } from '@/shared/api/types';

import { bookKeys } from './book-keys';

export type Book = ApiData<'/api/v1/books/{book_id}', 'get'>;

export function bookQuery(bookId: string) {
  return queryOptions({
    queryKey: [...bookKeys.all, 'detail', bookId],
    queryFn: () => unwrap(api.GET('/api/v1/books/{book_id}', { params: { path: { book_id: bookId } } })),
  });
}

export const useBook = (bookId: string) => useQuery(bookQuery(bookId));
