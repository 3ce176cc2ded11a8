import { useTranslation } from 'react-i18next';

import type { Role } from '@/shared/api/types';
import { useSession } from '@/shared/session/session';
import { Badge } from '@/shared/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';

/** The common frame of every role's dashboard until each role's screens arrive. */
export function RoleDashboard({ role }: { role: Role }) {
  const { t } = useTranslation(['dashboard', 'common']);
  const state = useSession();
  const name = state.status === 'signed-in' ? state.me.full_name : '';
  const coming = t(`${role}.coming`, { returnObjects: true }) as readonly string[];

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">{t('greeting', { name })}</p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t(`${role}.title`)}</h1>
        <p className="text-muted-foreground">{t(`${role}.intro`)}</p>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>{t('comingTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="grid gap-3 lg:grid-cols-2">
            {coming.map((item) => (
              <li key={item} className="flex flex-col items-start gap-2 rounded-lg border border-border p-4">
                <Badge className="text-muted-foreground">{t('common:comingSoon')}</Badge>
                <span>{item}</span>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
