import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { session } from '@/shared/session/session';
import { fakeFetch, makeMe } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

const emptyPage = () =>
  Response.json({
    success: true,
    data: [],
    pagination: { page: 1, per_page: 25, total: 0, total_pages: 0, next_page: null, prev_page: null },
    meta: { request_id: 'r', timestamp: '' },
  });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// The phones' tab bar is the second "Main navigation" (the first is the side bar of wider screens).
const tabBar = () => screen.getAllByRole('navigation', { name: 'Main navigation' })[1]!;

describe("The phones' tab bar", () => {
  it('offers every admin screen as a link and scrolls the current one into view after each navigation', async () => {
    session.set({ status: 'signed-in', me: makeMe('admin') });
    vi.stubGlobal(
      'fetch',
      fakeFetch({ 'GET /api/v1/admin/audit-log': emptyPage, 'GET /api/v1/admin/publishers': emptyPage }).fetch,
    );
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const { user } = renderApp('/admin/audit-log');

    await screen.findByRole('heading', { name: 'Audit log', level: 1 });
    const links = within(tabBar()).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Dashboard',
      'Schools',
      'Publishers',
      'Users',
      'Audit log',
      'Import',
      'Books',
      'Activity preview',
      'Settings',
    ]);
    const auditLog = within(tabBar()).getByRole('link', { name: 'Audit log' });
    expect(auditLog).toHaveAttribute('aria-current', 'page');
    expect(scrolled.mock.contexts.at(-1)).toBe(auditLog);
    expect(scrolled).toHaveBeenLastCalledWith({ block: 'nearest', inline: 'center' });

    await user.click(within(tabBar()).getByRole('link', { name: 'Publishers' }));
    await screen.findByRole('heading', { name: 'Publishers', level: 1 });
    const publishers = within(tabBar()).getByRole('link', { name: 'Publishers' });
    expect(publishers).toHaveAttribute('aria-current', 'page');
    expect(scrolled.mock.contexts.at(-1)).toBe(publishers);
  });
});
