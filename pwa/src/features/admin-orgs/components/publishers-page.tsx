import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { DeleteConfirmDialog } from '@/shared/ui/confirm-dialog';
import { RowActions, useNameAndDateSorts } from '@/shared/ui/list-controls';
import { ListPage } from '@/shared/ui/list-page';
import { PasswordDialog, type ShownPassword } from '@/shared/ui/password-dialog';
import { useActionError } from '@/shared/hooks/use-error-message';

import { type Publisher, type PublisherSort, useDeletePublisher, usePublishers } from '../api/publishers';
import { PublisherFormDialog } from './publisher-form-dialog';

export function PublishersPage() {
  const { t } = useTranslation(['orgs', 'ui']);
  const list = useListState<PublisherSort>('name');
  const sorts = useNameAndDateSorts();
  const publishers = usePublishers({ search: list.search, sort: list.sort, page: list.page });
  const [editing, setEditing] = useState<Publisher | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Publisher | null>(null);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const { actionError, setActionError } = useActionError();
  const remove = useDeletePublisher();
  const items = publishers.data?.items ?? [];

  return (
    <ListPage
      title={t('publishers.title')}
      description={t('publishers.intro')}
      actions={
        <Button onClick={() => setEditing('new')}>
          <Plus aria-hidden="true" />
          {t('publishers.add')}
        </Button>
      }
      actionError={actionError}
      list={list}
      searchLabel={t('publishers.search')}
      sortOptions={sorts}
      query={publishers}
      emptyText={t('emptyList')}
      dialogs={
        <>
          <PublisherFormDialog
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
            publisher={editing === 'new' ? null : editing}
            onCreated={setShown}
          />
          <PasswordDialog shown={shown} onClose={() => setShown(null)} />
          <DeleteConfirmDialog
            item={deleting}
            onClose={() => setDeleting(null)}
            title={t('publishers.deleteTitle', { name: deleting?.name ?? '' })}
            description={t('publishers.deleteBody')}
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
          <th scope="col">{t('fields.publisherName')}</th>
          <th scope="col">{t('fields.accountEmail')}</th>
          <th scope="col">{t('fields.contactEmail')}</th>
          <th scope="col" className="text-right">
            {t('actions')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((publisher) => (
          <tr key={publisher.id}>
            <td className="font-medium">
              {publisher.name}
              {publisher.is_active ? null : <Badge className="ml-2">{t('status.inactive')}</Badge>}
            </td>
            <td>{publisher.email}</td>
            <td>{publisher.contact_email}</td>
            <td>
              <RowActions
                editLabel={t('edit', { name: publisher.name })}
                deleteLabel={t('delete', { name: publisher.name })}
                onEdit={() => setEditing(publisher)}
                onDelete={() => setDeleting(publisher)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </ListPage>
  );
}
