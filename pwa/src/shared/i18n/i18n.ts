import i18next, { type BackendModule, type i18n, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';

import auth from '@/locales/en/auth.json';
import common from '@/locales/en/common.json';
import pwa from '@/locales/en/pwa.json';

import { defaultNS, type Namespace } from './resources';

/** The namespaces the login route (and the root layout) needs: bundled with the first JavaScript. */
const INITIAL_RESOURCES = { common, auth, pwa } satisfies Partial<Record<Namespace, ResourceLanguage>>;

// Every other namespace is a chunk of its own, loaded the first time a screen asks for it (a component's
// `useTranslation` suspends meanwhile). The service worker precaches the chunks, so this works offline.
const LAZY_NAMESPACES = import.meta.glob<{ default: ResourceLanguage }>([
  '../../locales/en/*.json',
  '!**/common.json',
  '!**/auth.json',
  '!**/pwa.json',
]);

const lazyNamespaceBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(_language, namespace, callback) {
    const load = LAZY_NAMESPACES[`../../locales/en/${namespace}.json`];
    if (!load) {
      callback(new Error(`No translations for namespace "${namespace}"`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), true),
    );
  },
};

/**
 * Initialises i18next once, synchronously, with the login route's namespaces; the others load on demand.
 * Tests pass `allResources` (every namespace) so nothing has to load asynchronously.
 */
export function initI18n(allResources?: Partial<Record<Namespace, ResourceLanguage>>): i18n {
  if (!i18next.isInitialized) {
    const bundled = allResources ?? INITIAL_RESOURCES;
    void i18next
      .use(lazyNamespaceBackend)
      .use(initReactI18next)
      .init({
        lng: 'en',
        fallbackLng: 'en',
        defaultNS,
        ns: Object.keys(bundled),
        resources: { en: bundled },
        partialBundledLanguages: true,
        initAsync: false,
        interpolation: { escapeValue: false },
        returnNull: false,
      });
  }
  return i18next;
}
