import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useObservableValue } from '@/shared/lib/observable-value';
import { Button } from '@/shared/ui/button';

import { installPrompt, promptInstall } from '../lib/install-prompt';

/** Shown only while the browser offers to install the app. */
export function InstallButton() {
  const { t } = useTranslation('pwa');
  const prompt = useObservableValue(installPrompt);
  if (!prompt) return null;
  return (
    <Button variant="outline" size="sm" onClick={() => void promptInstall()} title={t('install.hint')}>
      <Download aria-hidden="true" />
      <span className="max-sm:sr-only">{t('install.button')}</span>
    </Button>
  );
}
