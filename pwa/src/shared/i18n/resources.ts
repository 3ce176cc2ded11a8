import auth from '@/locales/en/auth.json';
import common from '@/locales/en/common.json';
import dashboard from '@/locales/en/dashboard.json';
import players from '@/locales/en/players.json';
import pwa from '@/locales/en/pwa.json';
import settings from '@/locales/en/settings.json';

export const defaultNS = 'common';

export const resources = {
  en: { common, auth, dashboard, settings, pwa, players },
} as const;
