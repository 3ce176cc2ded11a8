import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import { LoginForm } from '@/features/auth/components/login-form';
import { NetworkStatus } from '@/features/pwa/components/network-status';
import type { Me } from '@/shared/api/types';
import { Card, CardContent, CardDescription, CardHeader } from '@/shared/ui/card';

import { HOME_PATH_BY_ROLE, safeRedirectTarget } from '../guards';

export function LoginPage() {
  const { t } = useTranslation(['auth', 'common']);
  const navigate = useNavigate();
  const { redirect } = useSearch({ from: '/login' });

  const goHome = (me: Me) => void navigate({ to: safeRedirectTarget(redirect) ?? HOME_PATH_BY_ROLE[me.role] });

  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-indigo-50 to-background">
      <div className="flex justify-end p-4">
        <NetworkStatus />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pb-12 sm:items-center">
        <Card className="w-full max-w-md">
          <CardHeader className="items-center text-center">
            <img src="/icons/icon-192.png" alt="" width={72} height={72} className="mx-auto rounded-2xl" />
            <h1 className="mt-2 text-2xl font-bold">{t('login.title')}</h1>
            <CardDescription>{t('login.subtitle')}</CardDescription>
          </CardHeader>
          <CardContent>
            <LoginForm onSuccess={goHome} />
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
