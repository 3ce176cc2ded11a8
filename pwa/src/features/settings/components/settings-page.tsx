import { useTranslation } from 'react-i18next';

import { useSession } from '@/shared/session/session';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';

import { StorageUsage } from './storage-usage';

export function SettingsPage() {
  const { t } = useTranslation(['settings', 'common']);
  const state = useSession();
  const me = state.status === 'signed-in' ? state.me : null;

  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('title')}</h1>
      {me ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('account.title')}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 sm:grid-cols-[max-content_1fr] sm:gap-x-6">
              <dt className="font-medium">{t('account.name')}</dt>
              <dd>{me.full_name}</dd>
              <dt className="font-medium">{t('account.login')}</dt>
              <dd>{me.email ?? me.username}</dd>
              <dt className="font-medium">{t('account.role')}</dt>
              <dd>{t(`common:roles.${me.role}`)}</dd>
            </dl>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t('storage.title')}</CardTitle>
        </CardHeader>
        <CardContent>
          <StorageUsage />
        </CardContent>
      </Card>
    </div>
  );
}
