import { useTranslation } from 'react-i18next';

import { Alert } from './alert';
import { Button } from './button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from './dialog';

export type ShownPassword = { fullName: string; login: string; password: string | null };

/** Shows a new password exactly once: it is kept in memory only while this dialog is open. */
export function PasswordDialog({ shown, onClose }: { shown: ShownPassword | null; onClose: () => void }) {
  const { t } = useTranslation('ui');
  return (
    <Dialog open={shown !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogTitle>{t('password.title', { name: shown?.fullName ?? '' })}</DialogTitle>
        <DialogDescription>{t('password.onlyOnce')}</DialogDescription>
        {shown ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-border p-4">
            <dt className="text-muted-foreground">{t('password.login')}</dt>
            <dd className="font-mono text-lg">{shown.login}</dd>
            <dt className="text-muted-foreground">{t('password.password')}</dt>
            <dd className="font-mono text-lg" data-testid="shown-password">
              {shown.password ?? t('password.notGenerated')}
            </dd>
          </dl>
        ) : null}
        <Alert>{t('password.writeDown')}</Alert>
        <div className="flex justify-end">
          <Button onClick={onClose}>{t('password.done')}</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
