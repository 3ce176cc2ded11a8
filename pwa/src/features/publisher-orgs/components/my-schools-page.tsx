import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { useNameAndDateSorts } from '@/shared/ui/list-controls';
import { ListPage } from '@/shared/ui/list-page';

import { type MySchoolSort, useMySchools } from '../api/my-schools';

export function MySchoolsPage() {
  const { t } = useTranslation(['orgs', 'ui']);
  const list = useListState<MySchoolSort>('name');
  const sorts = useNameAndDateSorts();
  const schools = useMySchools({ search: list.search, sort: list.sort, page: list.page });
  const items = schools.data?.items ?? [];
  return (
    <ListPage
      title={t('mySchools.title')}
      description={t('mySchools.intro')}
      list={list}
      searchLabel={t('schools.search')}
      sortOptions={sorts}
      query={schools}
      emptyText={t('emptyList')}
    >
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
    </ListPage>
  );
}
