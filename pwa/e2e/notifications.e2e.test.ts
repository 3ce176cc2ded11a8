// Notifications end to end: a teacher creates an assignment for Class 3B; a student of the class sees the bell's
// unread count and the notification; opening it leads to the assignment and marks it read, on the server too
// (another device of the same student pulls it as read).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createAssignmentForClass3B } from './assignment-wizard';
import { type Browser, expectNoSeriousA11yViolations, launchChromium, type Page, signIn, VIEWPORTS } from './browser';

const baseUrl = inject('baseUrl');
const STUDENT = 'student2@dream.test';
let browser: Browser;
const CONTEXT = { viewport: VIEWPORTS.tabletLandscape, serviceWorkers: 'block' } as const;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const unreadOnBell = async (page: Page) => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

describe('notifications', () => {
  it('a student sees the new assignment on the bell and opening it marks it read everywhere', async () => {
    const name = `Notified ${Date.now()}`;
    const teacherContext = await browser.newContext(CONTEXT);
    const teacher = await teacherContext.newPage();
    await signIn(teacher, baseUrl, 'teacher@dream.test');
    await teacher.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();
    await createAssignmentForClass3B(teacher, name);
    await teacherContext.close();

    const studentContext = await browser.newContext(CONTEXT);
    const student = await studentContext.newPage();
    await signIn(student, baseUrl, STUDENT);
    const bell = student.getByTestId('notification-bell');
    await bell.waitFor();
    // Other tests create assignments for the class too: the count is at least this one.
    await expect.poll(() => unreadOnBell(student), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const before = await unreadOnBell(student);
    expect(await bell.getAttribute('aria-label')).toBe(`Notifications, ${before} unread`);

    await bell.click();
    await student.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const item = student.getByTestId('notification').filter({ hasText: `New assignment: ${name}` });
    await expect.poll(() => item.getAttribute('data-read')).toBe('false');
    await expectNoSeriousA11yViolations(student);

    await item.click();
    await expect.poll(() => new URL(student.url()).pathname).toMatch(/^\/student\/assignments\/[0-9a-f-]{36}$/);
    await expect.poll(() => unreadOnBell(student)).toBe(before - 1);
    // The mark reaches the server: the sync status shows nothing waiting.
    await expect.poll(() => student.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 15_000 }).toBe('0');
    await studentContext.close();

    // Another device (an empty browser profile) pulls the notification already read.
    const otherContext = await browser.newContext(CONTEXT);
    const other = await otherContext.newPage();
    await signIn(other, baseUrl, STUDENT);
    await other.getByTestId('notification-bell').click();
    const copy = other.getByTestId('notification').filter({ hasText: `New assignment: ${name}` });
    await expect.poll(() => copy.getAttribute('data-read'), { timeout: 15_000 }).toBe('true');
    await otherContext.close();
  });
});
