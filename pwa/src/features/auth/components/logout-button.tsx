import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { currentUser } from '@/shared/session/session';
import { Alert } from '@/shared/ui/alert';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '@/shared/ui/alert-dialog';
import { Button } from '@/shared/ui/button';

import { useLogout } from '../api/logout';
import { countPendingChanges, type PendingChangeKind, type PendingChanges } from '../api/pending-changes';

/**
 * Signs out. When changes made on this device are still waiting in the outbox, it first warns and names
 * what would be lost; only an explicit confirmation clears them.
 */
export function LogoutButton({ onLoggedOut }: { onLoggedOut: () => void }) {
  const { t } = useTranslation(['common', 'auth']);
  const [unsynced, setUnsynced] = useState<PendingChanges | null>(null);
  const logoutMutation = useLogout({ onSuccess: onLoggedOut });

  const startLogout = async () => {
    const me = currentUser();
    const pending = me ? await countPendingChanges(me.id) : null;
    if (pending && pending.total > 0) setUnsynced(pending);
    else logoutMutation.mutate();
  };

  return (
    <>
      <Button variant="ghost" onClick={() => void startLogout()} disabled={logoutMutation.isPending}>
        <LogOut aria-hidden="true" />
        <span className="max-sm:sr-only">{t('account.logout')}</span>
      </Button>
      {logoutMutation.isError ? <Alert variant="destructive">{t('auth:logout.failed')}</Alert> : null}
      <AlertDialog open={unsynced !== null} onOpenChange={(open) => (open ? undefined : setUnsynced(null))}>
        <AlertDialogContent>
          <AlertDialogTitle>{t('auth:logout.warningTitle')}</AlertDialogTitle>
          <AlertDialogDescription>{t('auth:logout.warningBody')}</AlertDialogDescription>
          <ul className="list-disc pl-6 text-sm" aria-label={t('auth:logout.warningTitle')}>
            {Object.entries(unsynced?.byKind ?? {}).map(([kind, count]) => (
              <li key={kind}>{t(`auth:logout.pendingKinds.${kind as PendingChangeKind}`, { count })}</li>
            ))}
          </ul>
          <AlertDialogFooter>
            <AlertDialogCancel>{t('auth:logout.keepWorking')}</AlertDialogCancel>
            <AlertDialogAction onClick={() => logoutMutation.mutate()}>{t('auth:logout.confirm')}</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
