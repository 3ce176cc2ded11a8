import { createObservableValue } from '@/shared/lib/observable-value';

/** Chromium's install prompt event; not yet in TypeScript's DOM types. */
type BeforeInstallPromptEvent = Event & {
  prompt: () => Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
};

/** The deferred install prompt, present while the browser offers to install the app. */
export const installPrompt = createObservableValue<BeforeInstallPromptEvent | null>(null);

export function listenForInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    // Keep the browser's mini-infobar away; the app offers its own button.
    event.preventDefault();
    installPrompt.set(event as BeforeInstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => installPrompt.set(null));
}

export async function promptInstall(): Promise<void> {
  const event = installPrompt.get();
  if (!event) return;
  await event.prompt();
  await event.userChoice;
  // A prompt can be shown only once; the browser fires a new event if it offers again.
  installPrompt.set(null);
}
