import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/shared/api/client';
import { unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

import { bookKeys } from './book-keys';

export type Book = ApiData<'/api/v1/books', 'get'>[number];
export type CatalogueParams = { search?: string | undefined; language?: string | undefined; page: number; perPage?: number };

export const CATALOGUE_PAGE_SIZE = 12;

export function catalogueQuery(params: CatalogueParams) {
  return queryOptions({
    queryKey: [...bookKeys.all, 'catalogue', params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/books', {
          params: {
            query: {
              search: params.search,
              language: params.language,
              page: params.page,
              per_page: params.perPage ?? CATALOGUE_PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export const useCatalogue = (params: CatalogueParams) => useQuery(catalogueQuery(params));
