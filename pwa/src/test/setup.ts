import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import type { ResourceLanguage } from 'i18next';
import { afterEach, beforeEach } from 'vitest';

import { getDb } from '@/shared/db/db';
import { initI18n } from '@/shared/i18n/i18n';
import { session } from '@/shared/session/session';

// The app loads most namespaces on demand; tests get every namespace up front so screens render at once.
const locales = import.meta.glob<{ default: ResourceLanguage }>('../locales/en/*.json', { eager: true });
initI18n(
  Object.fromEntries(
    Object.entries(locales).map(([path, module]) => [path.slice(path.lastIndexOf('/') + 1, -'.json'.length), module.default]),
  ),
);
// The first test of a file that renders the whole app waits for its lazily loaded screens to be transformed;
// on a busy machine that takes longer than the 1 s findBy* waits by default (the assertions stay the same).
configure({ asyncUtilTimeout: 5_000 });
// jsdom has no scrolling; the router's scroll restoration calls it on every navigation.
window.scrollTo = () => undefined;
// Nor this; the phones' tab bar scrolls its current tab into view (tests spy on it).
Element.prototype.scrollIntoView = () => undefined;

beforeEach(async () => {
  const db = getDb();
  await Promise.all(db.tables.map((table) => table.clear()));
  session.set({ status: 'signed-out' });
});

afterEach(() => {
  cleanup();
});
