import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/shared/api/api-error';
import { useListState } from '@/shared/hooks/use-list-state';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { ListPage, useNameAndDateSorts } from '@/shared/ui/list-controls';
import { PasswordDialog, type ShownPassword } from '@/shared/ui/password-dialog';

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
  const [actionError, setActionError] = useState<string | null>(null);
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
          <ConfirmDialog
            open={deleting !== null}
            onOpenChange={(open) => !open && setDeleting(null)}
            title={t('publishers.deleteTitle', { name: deleting?.name ?? '' })}
            description={t('publishers.deleteBody')}
            confirmLabel={t('deleteConfirm')}
            cancelLabel={t('ui:cancel')}
            onConfirm={() => {
              setActionError(null);
              if (deleting)
                remove.mutate(deleting.id, {
                  onError: (error) => setActionError(error instanceof ApiError ? error.message : t('ui:networkError')),
                });
            }}
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
              <div className="flex justify-end gap-1">
                <Button variant="ghost" size="icon" aria-label={t('edit', { name: publisher.name })} onClick={() => setEditing(publisher)}>
                  <Pencil aria-hidden="true" />
                </Button>
                <Button variant="ghost" size="icon" aria-label={t('delete', { name: publisher.name })} onClick={() => setDeleting(publisher)}>
                  <Trash2 aria-hidden="true" />
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </ListPage>
  );
}
