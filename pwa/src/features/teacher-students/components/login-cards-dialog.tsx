import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { saveBlob } from '@/shared/lib/download';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/shared/ui/dialog';
import { useErrorMessage } from '@/shared/hooks/use-error-message';

import { useLoginCards } from '../api/login-cards';

/** Login cards for chosen students or a whole class: download the PDF, or open it to print. */
export function LoginCardsDialog({
  open,
  onOpenChange,
  studentIds,
  classId,
  title,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  studentIds: string[];
  classId?: string;
  title: string;
}) {
  const { t } = useTranslation(['orgs', 'ui']);
  const errorMessage = useErrorMessage();
  const checkboxId = useId();
  const [resetPasswords, setResetPasswords] = useState(true);
  const [pdf, setPdf] = useState<{ url: string; blob: Blob; fileName: string } | null>(null);
  const cards = useLoginCards();

  const close = (next: boolean) => {
    if (!next && pdf) URL.revokeObjectURL(pdf.url);
    if (!next) {
      setPdf(null);
      cards.reset();
    }
    onOpenChange(next);
  };

  const generate = () => {
    cards.mutate(
      { student_ids: studentIds, reset_passwords: resetPasswords, ...(classId ? { class_id: classId } : {}) },
      {
        onSuccess: ({ blob, fileName }) => {
          setPdf({ url: URL.createObjectURL(blob), blob, fileName });
          saveBlob(blob, fileName);
        },
      },
    );
  };

  const count = studentIds.length;
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{classId && count === 0 ? t('cards.wholeClass') : t('cards.count', { count })}</DialogDescription>
        <div className="flex items-start gap-3 rounded-lg border border-border p-3">
          <input
            id={checkboxId}
            type="checkbox"
            className="mt-0.5 size-5 accent-primary"
            checked={resetPasswords}
            onChange={(e) => setResetPasswords(e.target.checked)}
          />
          <label htmlFor={checkboxId} className="grid gap-1 text-sm">
            <span className="font-medium">{t('cards.resetPasswords')}</span>
            <span className="text-muted-foreground">{t('cards.resetHint')}</span>
          </label>
        </div>
        {cards.isError ? (
          <Alert variant="destructive">{errorMessage(cards.error)}</Alert>
        ) : null}
        {pdf ? (
          <Alert>
            {t('cards.ready')}{' '}
            <a className="font-medium underline" href={pdf.url} target="_blank" rel="noopener">
              {t('cards.openToPrint')}
            </a>
          </Alert>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={() => close(false)}>
            {t('ui:close')}
          </Button>
          {pdf ? (
            <Button onClick={() => saveBlob(pdf.blob, pdf.fileName)}>{t('cards.downloadAgain')}</Button>
          ) : (
            <Button onClick={generate} disabled={cards.isPending || (count === 0 && !classId)}>
              {cards.isPending ? t('cards.generating') : t('cards.download')}
            </Button>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
