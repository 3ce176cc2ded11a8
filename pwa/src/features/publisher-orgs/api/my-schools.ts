import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/shared/api/client';
import type { paths } from '@/shared/api/generated/schema';
import { unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

export type MySchool = ApiData<'/api/v1/publishers/me/schools', 'get'>[number];
export type MySchoolSort = NonNullable<NonNullable<paths['/api/v1/publishers/me/schools']['get']['parameters']['query']>['sort']>;

export function mySchoolsQuery(params: { search?: string | undefined; sort?: MySchoolSort; page?: number; perPage?: number }) {
  return queryOptions({
    queryKey: ['publisher', 'schools', params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/publishers/me/schools', {
          params: { query: { search: params.search, sort: params.sort, page: params.page, per_page: params.perPage ?? 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
export const useMySchools = (params: Parameters<typeof mySchoolsQuery>[0]) => useQuery(mySchoolsQuery(params));
