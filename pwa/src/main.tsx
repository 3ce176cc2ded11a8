import './index.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from '@/app/app';
import { listenForInstallPrompt } from '@/features/pwa/lib/install-prompt';
import { registerServiceWorker } from '@/features/pwa/lib/service-worker';
import { refreshSession } from '@/shared/api/client';
import { initI18n } from '@/shared/i18n/i18n';
import { restoreSession } from '@/shared/session/session';

/** Gets a fresh access token in the background; offline (or on a flaky network) the saved session stays. */
function refreshSilently(): void {
  if (navigator.onLine) refreshSession().catch(() => undefined);
}

async function start(): Promise<void> {
  initI18n();
  listenForInstallPrompt();
  registerServiceWorker();
  const state = await restoreSession();
  if (state.status === 'signed-in') refreshSilently();
  window.addEventListener('online', refreshSilently);

  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
