import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useSession } from '@/shared/session/session';

export type StaffRole = 'admin' | 'publisher' | 'teacher';

/** The top of every staff dashboard: a greeting, the role's title and what its workspace is for. */
export function DashboardFrame({ role, children }: { role: StaffRole; children: ReactNode }) {
  const { t } = useTranslation('dashboard');
  const state = useSession();
  const name = state.status === 'signed-in' ? state.me.full_name : '';

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">{t('greeting', { name })}</p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t(`${role}.title`)}</h1>
        <p className="text-muted-foreground">{t(`${role}.intro`)}</p>
      </header>
      {children}
    </div>
  );
}
