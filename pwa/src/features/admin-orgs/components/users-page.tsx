import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Role } from '@/shared/api/types';
import { useListState } from '@/shared/hooks/use-list-state';
import { Alert } from '@/shared/ui/alert';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { DataTable, FilterSelect, ListState, ListToolbar, PageHeader, Pagination, SearchBox } from '@/shared/ui/list-controls';
import { useActionError } from '@/shared/hooks/use-error-message';

import { type AdminUserRow, useResetUserPassword, useSetUserActive, useUsers } from '../api/users';
import { ResetPasswordAction } from '@/shared/ui/reset-password-action';

const ROLES: Role[] = ['admin', 'publisher', 'teacher', 'student'];

export function UsersPage() {
  const { t, i18n } = useTranslation(['orgs', 'ui', 'common']);
  const list = useListState<'name'>('name');
  const [role, setRole] = useState<Role | ''>('');
  const users = useUsers({ search: list.search, role: role || undefined, page: list.page });
  const [deactivating, setDeactivating] = useState<AdminUserRow | null>(null);
  const { actionError, setActionError, failed } = useActionError();
  const setActive = useSetUserActive();
  const resetPassword = useResetUserPassword();
  const items = users.data?.items ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  return (
    <div className="grid gap-6">
      <PageHeader title={t('users.title')} description={t('users.intro')} />
      {actionError ? <Alert variant="destructive">{actionError}</Alert> : null}
      <ListToolbar>
        <SearchBox label={t('users.search')} value={list.searchInput} onChange={list.setSearchInput} />
        <FilterSelect
          className="min-w-40"
          label={t('fields.role')}
          allLabel={t('users.allRoles')}
          value={role}
          onChange={(value) => {
            setRole(value as Role | '');
            list.setPage(1);
          }}
          options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        />
      </ListToolbar>
      <ListState isLoading={users.isLoading} error={users.error} isEmpty={items.length === 0} emptyText={t('emptyList')}>
        <DataTable caption={t('users.title')}>
          <thead>
            <tr>
              <th scope="col">{t('fields.fullName')}</th>
              <th scope="col">{t('fields.login')}</th>
              <th scope="col">{t('fields.role')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col" className="text-right">
                {t('actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((user) => (
              <tr key={user.id}>
                <td className="font-medium">{user.full_name}</td>
                <td className="font-mono">{user.email ?? user.username}</td>
                <td>{t(`common:roles.${user.role}`)}</td>
                <td>{user.last_login_at ? date.format(new Date(user.last_login_at)) : t('users.never')}</td>
                <td>
                  <Badge className={user.is_active ? '' : 'border-destructive/40 text-destructive'}>
                    {user.is_active ? t('status.active') : t('status.inactive')}
                  </Badge>
                </td>
                <td className="space-x-2 text-right">
                  <ResetPasswordAction
                    fullName={user.full_name}
                    login={user.email ?? user.username ?? ''}
                    reset={() => {
                      setActionError(null);
                      return resetPassword.mutateAsync(user.id);
                    }}
                    onError={failed}
                  />
                  {user.is_active ? (
                    <Button variant="outline" size="sm" onClick={() => setDeactivating(user)}>
                      {t('users.deactivate')}
                      <span className="sr-only"> {user.full_name}</span>
                    </Button>
                  ) : (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={setActive.isPending}
                      onClick={() => setActive.mutate({ id: user.id, active: true }, { onError: failed })}
                    >
                      {t('users.activate')}
                      <span className="sr-only"> {user.full_name}</span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </ListState>
      <Pagination pagination={users.data?.pagination} onPage={list.setPage} />
      <ConfirmDialog
        open={deactivating !== null}
        onOpenChange={(open) => !open && setDeactivating(null)}
        title={t('users.deactivateTitle', { name: deactivating?.full_name ?? '' })}
        description={t('users.deactivateBody')}
        confirmLabel={t('users.deactivate')}
        cancelLabel={t('ui:cancel')}
        onConfirm={() => {
          setActionError(null);
          if (deactivating) setActive.mutate({ id: deactivating.id, active: false }, { onError: failed });
        }}
      />
    </div>
  );
}
