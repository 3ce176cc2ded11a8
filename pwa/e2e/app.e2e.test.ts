import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  type Browser,
  expectNoSeriousA11yViolations,
  launchChromium,
  launchChromiumWithProfile,
  saveScreenshot,
  signIn,
  VIEWPORTS,
  waitForServiceWorkerControl,
} from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const ACCOUNTS = [
  { login: 'admin@dream.test', role: 'admin', path: '/admin', heading: 'Administration' },
  { login: 'publisher@dream.test', role: 'publisher', path: '/publisher', heading: 'Publisher workspace' },
  { login: 'teacher@dream.test', role: 'teacher', path: '/teacher', heading: 'Teacher dashboard' },
  { login: 'student1@dream.test', role: 'student1', path: '/student', heading: 'My learning' },
  { login: 'student4@dream.test', role: 'student4', path: '/student', heading: 'My learning' },
  { login: 'student5', role: 'student5-by-username', path: '/student', heading: 'My learning' },
] as const;

describe('sign-in', () => {
  it('the login page has no serious accessibility violations', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tabletPortrait });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'login-tablet-portrait');
    await context.close();
  });

  it('explains a wrong password', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    await signIn(page, baseUrl, 'student2@dream.test', 'not-the-password');

    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('That email, username or password is not right.');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it.each(ACCOUNTS)('$login lands on the $role dashboard', async ({ login, role, path, heading }) => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tabletLandscape });
    const page = await context.newPage();

    await signIn(page, baseUrl, login);
    await page.getByRole('heading', { name: heading }).waitFor();

    expect(new URL(page.url()).pathname).toBe(path);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, `dashboard-${role}-tablet-landscape`);
    await context.close();
  });
});

describe('the installed app', () => {
  it('is installable, works in both tablet orientations and on a phone, and starts signed in offline', async () => {
    const { context, close } = await launchChromiumWithProfile(VIEWPORTS.tabletPortrait);
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, baseUrl, 'student3@dream.test');
    await page.getByRole('heading', { name: 'My learning' }).waitFor();
    await waitForServiceWorkerControl(page);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
    // An attached CDP session drops the offline emulation on reload.
    await cdp.detach();
    await saveScreenshot(page, 'dashboard-student-tablet-portrait');
    await page.setViewportSize(VIEWPORTS.phone);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'dashboard-student-phone');

    await context.setOffline(true);
    await page.reload();

    await page.getByRole('heading', { name: 'My learning' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/student');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Offline');
    const apiReached = await page.evaluate(() => fetch('/api/v1/health').then(() => true, () => false));
    expect(apiReached).toBe(false);
    await saveScreenshot(page, 'dashboard-student-offline-phone');
    await close();
  });

  it('shows a friendly page for unknown routes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/this/does/not/exist`);

    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });

  it('serves the settings page with the storage figure', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'teacher@dream.test');
    await page.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).first().click();

    await expect.poll(() => page.getByTestId('storage-usage').textContent()).toMatch(/used of .* available/);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'settings-teacher');
    await context.close();
  });
});
