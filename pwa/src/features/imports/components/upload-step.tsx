import { FileSpreadsheet, Upload } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';
import { Label } from '@/shared/ui/label';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Step 2: the filled-in spreadsheet (xlsx or csv). */
export function UploadStep({
  file,
  busy,
  onPick,
  onBack,
  onCheck,
}: {
  file: File | null;
  busy: boolean;
  onPick: (file: File | null) => void;
  onBack: () => void;
  onCheck: () => void;
}) {
  const { t } = useTranslation('imports');
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="grid gap-5">
      <div className="grid gap-2">
        <Label htmlFor={inputId}>{t('fileLabel')}</Label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPT}
          aria-describedby={hintId}
          className="min-h-11 rounded-lg border border-dashed border-input p-3 file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-secondary file:px-3 file:font-medium"
          onChange={(e) => onPick(e.target.files?.[0] ?? null)}
        />
        <p id={hintId} className="text-sm text-muted-foreground">
          {t('fileHint')}
        </p>
      </div>
      {file ? (
        <p className="flex items-center gap-2 text-sm">
          <FileSpreadsheet aria-hidden="true" className="size-4" />
          {t('chosenFile', { name: file.name, size: Math.max(1, Math.round(file.size / 1024)) })}
        </p>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <Button variant="outline" onClick={onBack}>
          {t('back')}
        </Button>
        <Button disabled={!file || busy} onClick={onCheck}>
          <Upload aria-hidden="true" />
          {busy ? t('checking') : t('check')}
        </Button>
      </div>
    </div>
  );
}
