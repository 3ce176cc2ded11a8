import { useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import { saveBlob } from '@/shared/lib/download';
import { Alert } from '@/shared/ui/alert';
import { Card, CardContent } from '@/shared/ui/card';
import { useErrorMessage } from '@/shared/hooks/use-error-message';

import { downloadTemplate, uploadImport } from '../api/imports';
import type { ImportMode, ImportTarget } from '../lib/types';
import { initialWizardState, STEPS, type WizardStep, wizardReducer } from '../lib/wizard';
import { ChooseStep } from './choose-step';
import { PreviewStep } from './preview-step';
import { SummaryStep } from './summary-step';
import { UploadStep } from './upload-step';

/**
 * The bulk-import wizard: choose what to import, get the template, upload, look at every row with its
 * problems, confirm (all rows, or only the valid ones), then the summary with any new passwords (once).
 */
export function ImportWizard({ targets, doneTo }: { targets: ImportTarget[]; doneTo?: string }) {
  const { t } = useTranslation(['imports', 'ui']);
  const [state, dispatch] = useReducer(wizardReducer, targets.length === 1 ? targets[0]!.kind : null, initialWizardState);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const target = targets.find((x) => x.kind === state.kind) ?? null;

  // Move focus to the new step's heading, so keyboard and screen-reader users follow the wizard.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [state.step]);

  const describe = useErrorMessage();

  const validate = async () => {
    if (!target || !state.file) return;
    dispatch({ type: 'validating' });
    try {
      dispatch({ type: 'validated', report: await uploadImport(target, state.file, 'validate') });
    } catch (error) {
      dispatch({ type: 'failed', message: describe(error) });
    }
  };

  const runImport = async (mode: Exclude<ImportMode, 'validate'>) => {
    if (!target || !state.file) return;
    dispatch({ type: 'importing' });
    try {
      dispatch({ type: 'imported', report: await uploadImport(target, state.file, mode) });
    } catch (error) {
      dispatch({ type: 'failed', message: describe(error) });
    }
  };

  const getTemplate = async (format: 'xlsx' | 'csv') => {
    if (!state.kind) return;
    try {
      const { blob, fileName } = await downloadTemplate(state.kind, format);
      saveBlob(blob, fileName);
    } catch (error) {
      dispatch({ type: 'failed', message: describe(error) });
    }
  };

  return (
    <div className="grid gap-6">
      <StepList current={state.step} />
      <Card>
        <CardContent className="grid gap-5">
          <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold outline-none">
            {t(`steps.${state.step}`)}
          </h2>
          {state.error ? <Alert variant="destructive">{state.error}</Alert> : null}

          {state.step === 'choose' ? (
            <ChooseStep
              targets={targets}
              kind={state.kind}
              onChoose={(kind) => dispatch({ type: 'chooseKind', kind })}
              onTemplate={getTemplate}
              onNext={() => dispatch({ type: 'toUpload' })}
            />
          ) : null}

          {state.step === 'upload' ? (
            <UploadStep
              file={state.file}
              busy={state.busy}
              onPick={(file) => dispatch({ type: 'pickFile', file })}
              onBack={() => dispatch({ type: 'back' })}
              onCheck={() => void validate()}
            />
          ) : null}

          {state.step === 'preview' && state.validation ? (
            <PreviewStep
              report={state.validation}
              onBack={() => dispatch({ type: 'back' })}
              onImport={(mode) => void runImport(mode)}
            />
          ) : null}

          {state.step === 'importing' ? (
            <div className="grid gap-3" aria-live="polite">
              <p>{t('importing', { name: state.file?.name ?? '' })}</p>
              <div
                role="progressbar"
                aria-label={t('steps.importing')}
                aria-busy="true"
                className="h-3 overflow-hidden rounded-full bg-muted"
              >
                <div className="h-full w-1/3 animate-pulse rounded-full bg-primary" />
              </div>
            </div>
          ) : null}

          {state.step === 'summary' && state.result ? (
            <SummaryStep
              report={state.result}
              onError={(message) => dispatch({ type: 'failed', message })}
              onRestart={() => dispatch({ type: 'restart' })}
              doneTo={doneTo}
            />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

function StepList({ current }: { current: WizardStep }) {
  const { t } = useTranslation('imports');
  const index = STEPS.indexOf(current);
  return (
    <ol aria-label={t('progressLabel')} className="flex flex-wrap gap-2 text-sm">
      {STEPS.map((step, i) => (
        <li
          key={step}
          aria-current={step === current ? 'step' : undefined}
          className={cn(
            'flex items-center gap-2 rounded-full border px-3 py-1',
            step === current ? 'border-primary bg-primary text-primary-foreground' : 'border-border',
            i < index ? 'text-foreground' : step === current ? '' : 'text-muted-foreground',
          )}
        >
          <span aria-hidden="true">{i + 1}</span>
          {t(`steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}
