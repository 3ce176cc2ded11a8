import { useTranslation } from 'react-i18next';

import { useActivityOpen } from '@/shared/lib/activity-store';
import { useObservableValue } from '@/shared/lib/observable-value';
import { Button } from '@/shared/ui/button';

import { installUpdate, offlineReady, updateWaiting } from '../lib/service-worker';

/** Offers a waiting new version; while an activity is open it only says the update will come later. */
export function UpdatePrompt() {
  const { t } = useTranslation('pwa');
  const waiting = useObservableValue(updateWaiting);
  const ready = useObservableValue(offlineReady);
  const activityIsOpen = useActivityOpen();

  if (!waiting && !ready) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-3 bottom-20 z-40 mx-auto flex max-w-md flex-wrap items-center gap-3 rounded-xl border border-border bg-card p-4 text-sm shadow-lg md:bottom-4"
    >
      {waiting && activityIsOpen ? <p className="flex-1">{t('update.waitingForActivity')}</p> : null}
      {waiting && !activityIsOpen ? (
        <>
          <p className="flex-1">{t('update.available')}</p>
          <Button size="sm" onClick={() => void installUpdate()}>
            {t('update.reload')}
          </Button>
          <Button size="sm" variant="outline" onClick={() => updateWaiting.set(false)}>
            {t('update.later')}
          </Button>
        </>
      ) : null}
      {!waiting && ready ? (
        <>
          <p className="flex-1">{t('offlineReady')}</p>
          <Button size="sm" variant="outline" onClick={() => offlineReady.set(false)}>
            {t('dismiss')}
          </Button>
        </>
      ) : null}
    </div>
  );
}
