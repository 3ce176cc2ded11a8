import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

export async function listBookActivities(bookId: string) {
  const activities = await unwrap(
    api.GET('/api/v1/books/{book_id}/activities', { params: { path: { book_id: bookId } } }),
  );
  return activities.filter((activity) => !activity.is_archived);
}

export const bookActivitiesQuery = (bookId: string) =>
  queryOptions({ queryKey: ['books', 'activities', bookId], queryFn: () => listBookActivities(bookId) });

export function useBookActivities(bookId: string | null) {
  return useQuery({ ...bookActivitiesQuery(bookId ?? ''), enabled: bookId !== null });
}
