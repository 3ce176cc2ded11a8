import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

import { defaultNS, resources } from './resources';

/** Initialises i18next once, synchronously, with the bundled English resources. */
export function initI18n(): i18n {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      lng: 'en',
      fallbackLng: 'en',
      defaultNS,
      ns: Object.keys(resources.en),
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return i18next;
}
