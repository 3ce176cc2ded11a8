import { registerSW } from 'virtual:pwa-register';

import { activityOpen } from '@/shared/lib/activity-store';
import { createObservableValue } from '@/shared/lib/observable-value';

/** A new version has been downloaded and waits for the user's consent. */
export const updateWaiting = createObservableValue(false);
/** The app shell is cached: the app will open without a network. */
export const offlineReady = createObservableValue(false);

let applyUpdate: (() => Promise<void>) | null = null;

/**
 * Reloads into the new version, but never while an activity is open: then it waits until the activity
 * closes. This also covers an update accepted in another tab, which takes control of this one too.
 */
export function reloadWhenNoActivityOpen(reload: () => void = () => window.location.reload()): void {
  if (!activityOpen.get()) {
    reload();
    return;
  }
  const unsubscribe = activityOpen.subscribe(() => {
    if (activityOpen.get()) return;
    unsubscribe();
    reload();
  });
}

export function registerServiceWorker(): void {
  const updateServiceWorker = registerSW({
    immediate: true,
    onNeedRefresh: () => updateWaiting.set(true),
    onOfflineReady: () => offlineReady.set(true),
    onNeedReload: () => reloadWhenNoActivityOpen(),
  });
  applyUpdate = () => updateServiceWorker(true);
}

/** Activates the waiting version; the page reloads once it controls this tab (and no activity is open). */
export async function installUpdate(): Promise<void> {
  updateWaiting.set(false);
  await applyUpdate?.();
}
