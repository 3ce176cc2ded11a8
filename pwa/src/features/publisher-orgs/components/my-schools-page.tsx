import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { DataTable, ListState, ListToolbar, PageHeader, Pagination, SearchBox, SortSelect } from '@/shared/ui/list-controls';

import { type MySchoolSort, useMySchools } from '../api/my-schools';

export function MySchoolsPage() {
  const { t } = useTranslation(['orgs', 'ui']);
  const list = useListState<MySchoolSort>('name');
  const schools = useMySchools({ search: list.search, sort: list.sort, page: list.page });
  const items = schools.data?.items ?? [];
  return (
    <div className="grid gap-6">
      <PageHeader title={t('mySchools.title')} description={t('mySchools.intro')} />
      <ListToolbar>
        <SearchBox label={t('schools.search')} value={list.searchInput} onChange={list.setSearchInput} />
        <SortSelect
          value={list.sort}
          onChange={list.setSort}
          options={[
            { value: 'name', label: t('sort.nameAsc') },
            { value: '-name', label: t('sort.nameDesc') },
            { value: '-created_at', label: t('sort.newest') },
            { value: 'created_at', label: t('sort.oldest') },
          ]}
        />
      </ListToolbar>
      <ListState isLoading={schools.isLoading} error={schools.error} isEmpty={items.length === 0} emptyText={t('emptyList')}>
        <DataTable caption={t('mySchools.title')}>
          <thead>
            <tr>
              <th scope="col">{t('fields.schoolName')}</th>
              <th scope="col">{t('fields.address')}</th>
              <th scope="col">{t('fields.contactEmail')}</th>
              <th scope="col">{t('fields.contactPhone')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((school) => (
              <tr key={school.id}>
                <td className="font-medium">{school.name}</td>
                <td>{school.address}</td>
                <td>{school.contact_email}</td>
                <td>{school.contact_phone}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </ListState>
      <Pagination pagination={schools.data?.pagination} onPage={list.setPage} />
    </div>
  );
}
