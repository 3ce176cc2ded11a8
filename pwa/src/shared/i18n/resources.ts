import assignments from '@/locales/en/assignments.json';
import auth from '@/locales/en/auth.json';
import books from '@/locales/en/books.json';
import common from '@/locales/en/common.json';
import dashboard from '@/locales/en/dashboard.json';
import imports from '@/locales/en/imports.json';
import orgs from '@/locales/en/orgs.json';
import players from '@/locales/en/players.json';
import preview from '@/locales/en/preview.json';
import pwa from '@/locales/en/pwa.json';
import settings from '@/locales/en/settings.json';
import student from '@/locales/en/student.json';
import ui from '@/locales/en/ui.json';

export const defaultNS = 'common';

export const resources = {
  en: { common, auth, dashboard, settings, pwa, players, preview, assignments, books, ui, orgs, imports, student },
} as const;
