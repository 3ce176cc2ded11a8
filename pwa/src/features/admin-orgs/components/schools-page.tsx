import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { Button } from '@/shared/ui/button';
import { DeleteConfirmDialog } from '@/shared/ui/confirm-dialog';
import { FilterSelect, RowActions, useNameAndDateSorts } from '@/shared/ui/list-controls';
import { ListPage } from '@/shared/ui/list-page';
import { useActionError } from '@/shared/hooks/use-error-message';

import { usePublishers } from '../api/publishers';
import { type School, type SchoolSort, useDeleteSchool, useSchools } from '../api/schools';
import { SchoolFormDialog } from './school-form-dialog';

export function SchoolsPage() {
  const { t } = useTranslation(['orgs', 'ui']);
  const list = useListState<SchoolSort>('name');
  const sorts = useNameAndDateSorts();
  const [publisherId, setPublisherId] = useState('');
  const schools = useSchools({ search: list.search, sort: list.sort, page: list.page, publisherId: publisherId || undefined });
  const publishers = usePublishers({ sort: 'name', page: 1, perPage: 100 });
  const publisherName = new Map((publishers.data?.items ?? []).map((p) => [p.id, p.name]));
  const [editing, setEditing] = useState<School | 'new' | null>(null);
  const [deleting, setDeleting] = useState<School | null>(null);
  const { actionError, setActionError } = useActionError();
  const remove = useDeleteSchool();
  const items = schools.data?.items ?? [];

  return (
    <ListPage
      title={t('schools.title')}
      description={t('schools.intro')}
      actions={
        <Button onClick={() => setEditing('new')}>
          <Plus aria-hidden="true" />
          {t('schools.add')}
        </Button>
      }
      actionError={actionError}
      list={list}
      searchLabel={t('schools.search')}
      filters={
        <FilterSelect
          label={t('fields.publisher')}
          allLabel={t('allPublishers')}
          value={publisherId}
          onChange={(value) => {
            setPublisherId(value);
            list.setPage(1);
          }}
          options={(publishers.data?.items ?? []).map((publisher) => ({ value: publisher.id, label: publisher.name }))}
        />
      }
      sortOptions={sorts}
      query={schools}
      emptyText={t('emptyList')}
      dialogs={
        <>
          <SchoolFormDialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)} school={editing === 'new' ? null : editing} />
          <DeleteConfirmDialog
            item={deleting}
            onClose={() => setDeleting(null)}
            title={t('schools.deleteTitle', { name: deleting?.name ?? '' })}
            description={t('schools.deleteBody')}
            confirmLabel={t('deleteConfirm')}
            cancelLabel={t('ui:cancel')}
            remove={remove.mutate}
            setError={setActionError}
          />
        </>
      }
    >
      <thead>
        <tr>
          <th scope="col">{t('fields.schoolName')}</th>
          <th scope="col">{t('fields.publisher')}</th>
          <th scope="col">{t('fields.contactEmail')}</th>
          <th scope="col" className="text-right">
            {t('actions')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((school) => (
          <tr key={school.id}>
            <td className="font-medium">{school.name}</td>
            <td>{publisherName.get(school.publisher_id) ?? ''}</td>
            <td>{school.contact_email}</td>
            <td>
              <RowActions
                editLabel={t('edit', { name: school.name })}
                deleteLabel={t('delete', { name: school.name })}
                onEdit={() => setEditing(school)}
                onDelete={() => setDeleting(school)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </ListPage>
  );
}
