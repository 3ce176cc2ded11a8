import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { getDb, SESSION_ROW_ID } from '@/shared/db/db';
import { errorEnvelope, fakeFetch, makeMe, makeTokens, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function submitLogin(user: ReturnType<typeof renderApp>['user'], login: string, password: string) {
  const loginInput = await screen.findByLabelText('Email or username');
  if (login) await user.type(loginInput, login);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login page', () => {
  it('explains empty fields next to each field without calling the server', async () => {
    const server = fakeFetch({});
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderApp('/login');

    await submitLogin(user, '   ', '');

    expect(await screen.findByText('Enter your email or username.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email or username')).toHaveAttribute('aria-invalid', 'true');
    expect(server.requests).toHaveLength(0);
  });

  it('signs a student in by username, saves the session on the device and opens their dashboard', async () => {
    const student5 = { ...makeTokens('student'), user: makeMe('student', { email: null, username: 'student5' }) };
    const server = fakeFetch({ 'POST /api/v1/auth/login': () => okEnvelope(student5) });
    vi.stubGlobal('fetch', server.fetch);
    const { user, history } = renderApp('/login');

    await submitLogin(user, 'student5', 'dream-demo-pass');

    expect(await screen.findByRole('heading', { name: 'My learning' })).toBeInTheDocument();
    expect(history.location.pathname).toBe('/student');
    expect(await server.requests[0]!.json()).toEqual({ login: 'student5', password: 'dream-demo-pass' });
    const saved = await getDb().session.get(SESSION_ROW_ID);
    expect(saved).toMatchObject({ refreshToken: 'refresh-1', me: { username: 'student5', role: 'student' } });
  });

  it('says the credentials are wrong on 401', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({ 'POST /api/v1/auth/login': () => errorEnvelope(401, 'UNAUTHORIZED', 'Invalid credentials') }).fetch,
    );
    const { user } = renderApp('/login');

    await submitLogin(user, 'teacher@dream.test', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('That email, username or password is not right.');
    expect(await getDb().session.count()).toBe(0);
  });

  it('tells a locked-out user how many minutes to wait', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/v1/auth/login': () =>
          errorEnvelope(429, 'RATE_LIMIT_EXCEEDED', 'Too many attempts', [], { 'Retry-After': '110' }),
      }).fetch,
    );
    const { user } = renderApp('/login');

    await submitLogin(user, 'student1@dream.test', 'nope-nope');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many sign-in attempts. Please wait 2 minutes and try again.',
    );
  });

  it("shows the server's field errors under the field they concern", async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/v1/auth/login': () =>
          errorEnvelope(400, 'INVALID_INPUT', 'Invalid input', [{ field: 'login', message: 'Login is too odd' }]),
      }).fetch,
    );
    const { user } = renderApp('/login');

    await submitLogin(user, 'x', 'dream-demo-pass');

    const loginInput = screen.getByLabelText('Email or username');
    await waitFor(() => expect(loginInput).toHaveAccessibleDescription('Login is too odd'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains that the first sign-in needs a connection when offline', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { user } = renderApp('/login');

    await submitLogin(user, 'student1@dream.test', 'dream-demo-pass');

    expect(await screen.findByRole('alert')).toHaveTextContent('You are offline.');
    vi.restoreAllMocks();
  });
});
