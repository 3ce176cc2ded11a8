import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';

import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { getDb } from '@/shared/db/db';
import { initI18n } from '@/shared/i18n/i18n';
import { session } from '@/shared/session/session';

initI18n();
// jsdom has no scrolling; the router's scroll restoration calls it on every navigation.
window.scrollTo = () => undefined;

beforeEach(async () => {
  const db = getDb();
  await Promise.all(db.tables.map((table) => table.clear()));
  session.set({ status: 'signed-out' });
});

afterEach(() => {
  cleanup();
});
