import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { saveTokens, restoreSession, session } from '@/shared/session/session';
import { makeMe, makeTokens } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

describe('route guards', () => {
  it('sends a signed-out visitor to the login page and remembers where they were going', async () => {
    const { history } = renderApp('/teacher');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(history.location.pathname).toBe('/login');
    expect(history.location.search).toContain('redirect=%2Fteacher');
  });

  it.each([
    ['admin', '/admin', 'Administration'],
    ['publisher', '/publisher', 'Publisher workspace'],
    ['teacher', '/teacher', 'Teacher dashboard'],
    ['student', '/student', 'My learning'],
  ] as const)('opens the %s dashboard for a signed-in %s', async (role, path, heading) => {
    session.set({ status: 'signed-in', me: makeMe(role) });
    const { history } = renderApp('/');

    expect(await screen.findByRole('heading', { name: heading })).toBeInTheDocument();
    expect(history.location.pathname).toBe(path);
  });

  it("turns a student away from another role's dashboard to their own", async () => {
    session.set({ status: 'signed-in', me: makeMe('student') });
    const { history } = renderApp('/admin');

    expect(await screen.findByRole('heading', { name: 'My learning' })).toBeInTheDocument();
    expect(history.location.pathname).toBe('/student');
    expect(screen.queryByText('Administration')).not.toBeInTheDocument();
  });

  it('shows the role navigation with the screens still to come', async () => {
    session.set({ status: 'signed-in', me: makeMe('teacher') });
    renderApp('/teacher');

    const [sideNav] = await screen.findAllByRole('navigation', { name: 'Main navigation' });
    expect(sideNav).toHaveTextContent('Classes');
    expect(sideNav).toHaveTextContent('Soon');
    expect(screen.getAllByRole('link', { name: 'Settings' }).length).toBeGreaterThan(0);
  });

  it('sends a signed-in user away from the login page to their dashboard', async () => {
    session.set({ status: 'signed-in', me: makeMe('publisher') });
    const { history } = renderApp('/login');

    expect(await screen.findByRole('heading', { name: 'Publisher workspace' })).toBeInTheDocument();
    expect(history.location.pathname).toBe('/publisher');
  });

  it('starts signed in from the session saved on the device (an offline start)', async () => {
    await saveTokens(makeTokens('student'));
    session.set({ status: 'signed-out' });

    expect(await restoreSession()).toMatchObject({ status: 'signed-in', me: { role: 'student' } });
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'My learning' })).toBeInTheDocument();
  });

  it('shows a friendly 404 for unknown paths', async () => {
    session.set({ status: 'signed-in', me: makeMe('teacher') });
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to my dashboard' })).toHaveAttribute('href', '/teacher');
  });
});
