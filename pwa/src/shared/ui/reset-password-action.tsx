import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { PasswordDialog, type ShownPassword } from '@/shared/ui/password-dialog';

/**
 * "Reset password" for one account: asks first, then shows the new password once. Used by the admin users list
 * and the publisher teachers list; `reset` calls the endpoint of the caller's role.
 */
export function ResetPasswordAction({
  fullName,
  login,
  reset,
  onError,
  disabled = false,
}: {
  fullName: string;
  login: string;
  reset: () => Promise<{ password: string }>;
  onError: (error: unknown) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation(['orgs', 'ui']);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [shown, setShown] = useState<ShownPassword | null>(null);

  const confirm = async () => {
    setPending(true);
    try {
      const { password } = await reset();
      setShown({ fullName, login, password });
    } catch (error) {
      onError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button variant="outline" size="sm" disabled={disabled || pending} onClick={() => setConfirming(true)}>
        <KeyRound aria-hidden="true" />
        {t('resetPassword.action')}
        <span className="sr-only"> {fullName}</span>
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('resetPassword.title', { name: fullName })}
        description={t('resetPassword.body')}
        confirmLabel={t('resetPassword.confirm')}
        cancelLabel={t('ui:cancel')}
        onConfirm={() => void confirm()}
      />
      <PasswordDialog shown={shown} onClose={() => setShown(null)} />
    </>
  );
}
