import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

/** The books the teacher may assign from (the first 100; the wizard filters them locally). */
export async function listBooks() {
  return unwrap(api.GET('/api/v1/books', { params: { query: { per_page: 100 } } }));
}

export const booksQuery = () => queryOptions({ queryKey: ['books', 'list'], queryFn: listBooks });

export function useBooks() {
  return useQuery(booksQuery());
}
