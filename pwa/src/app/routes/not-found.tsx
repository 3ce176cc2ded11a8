import { Link } from '@tanstack/react-router';
import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useSession } from '@/shared/session/session';
import { Button } from '@/shared/ui/button';

import { HOME_PATH_BY_ROLE } from '../guards';

export function NotFound() {
  const { t } = useTranslation();
  const state = useSession();
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="grid max-w-md justify-items-center gap-4 text-center">
        <Compass aria-hidden="true" className="size-14 text-primary" />
        <h1 className="text-2xl font-bold">{t('notFound.title')}</h1>
        <p className="text-muted-foreground">{t('notFound.body')}</p>
        <Button asChild>
          {state.status === 'signed-in' ? (
            <Link to={HOME_PATH_BY_ROLE[state.me.role]}>{t('notFound.home')}</Link>
          ) : (
            <Link to="/login" search={{ redirect: undefined }}>
              {t('notFound.login')}
            </Link>
          )}
        </Button>
      </div>
    </main>
  );
}
