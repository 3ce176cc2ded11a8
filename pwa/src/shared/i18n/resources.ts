// Type-only imports: the JSON files are bundled by `i18n.ts` (the login route's namespaces) or loaded on
// demand (every other namespace), never through this file.
import type assignments from '@/locales/en/assignments.json';
import type auth from '@/locales/en/auth.json';
import type books from '@/locales/en/books.json';
import type common from '@/locales/en/common.json';
import type dashboard from '@/locales/en/dashboard.json';
import type imports from '@/locales/en/imports.json';
import type notifications from '@/locales/en/notifications.json';
import type orgs from '@/locales/en/orgs.json';
import type players from '@/locales/en/players.json';
import type preview from '@/locales/en/preview.json';
import type pwa from '@/locales/en/pwa.json';
import type settings from '@/locales/en/settings.json';
import type student from '@/locales/en/student.json';
import type ui from '@/locales/en/ui.json';

export const defaultNS = 'common';

/** Every namespace (one `src/locales/en/<namespace>.json` each) with its keys, for typed `t()` calls. */
export type Resources = {
  common: typeof common;
  auth: typeof auth;
  dashboard: typeof dashboard;
  settings: typeof settings;
  pwa: typeof pwa;
  players: typeof players;
  preview: typeof preview;
  assignments: typeof assignments;
  books: typeof books;
  ui: typeof ui;
  orgs: typeof orgs;
  imports: typeof imports;
  student: typeof student;
  notifications: typeof notifications;
};

export type Namespace = keyof Resources;
