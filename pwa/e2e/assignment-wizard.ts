// The teacher's assignment wizard, driven like a teacher does: shared by the browser tests that need an assignment.
import { expect } from 'vitest';

import { expectNoSeriousA11yViolations, type Page, saveScreenshot } from './browser';

async function next(page: Page, heading: string) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

/**
 * Creates an assignment of "Circle the right word." (Dream English 1) for Class 3B, starting from any teacher page,
 * and waits for its results page. With `audit`, every step is checked with axe and the review is screenshotted.
 */
export async function createAssignmentForClass3B(
  page: Page,
  name: string,
  { audit = false, timeLimitMinutes }: { audit?: boolean; timeLimitMinutes?: number } = {},
): Promise<void> {
  const check = async () => {
    if (audit) await expectNoSeriousA11yViolations(page);
  };
  await page.getByRole('navigation', { name: 'Main navigation' }).first().getByRole('link', { name: 'Assignments' }).click();
  await page.getByRole('heading', { name: 'Assignments', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'New assignment' }).click();

  await page.getByRole('heading', { name: 'Step 1 of 5: Book' }).waitFor();
  await page.getByRole('radio', { name: /Dream English 1/ }).check();
  await next(page, 'Step 2 of 5: Activities');
  await page.getByRole('checkbox', { name: /^Circle the right word\./ }).check();
  await check();
  await next(page, 'Step 3 of 5: Students');
  await page.getByRole('checkbox', { name: /Class 3B/ }).check();
  await next(page, 'Step 4 of 5: Options');
  await page.getByLabel('Name').fill(name);
  if (timeLimitMinutes !== undefined) {
    await page.getByLabel('Time limit in minutes (optional)').fill(String(timeLimitMinutes));
  }
  await check();
  await next(page, 'Step 5 of 5: Review');
  await expect.poll(() => page.getByRole('definition').filter({ hasText: /^Class 3B$/ }).count()).toBe(1);
  await check();
  if (audit) await saveScreenshot(page, 'assignment-wizard-review');
  await page.getByRole('button', { name: 'Create assignment' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/**
 * From an assignment's results page: Edit, change its name and due date (a `datetime-local` value) on the options
 * step, save, and wait for the results page under the new name.
 */
export async function renameAssignmentAndMoveDueDate(page: Page, name: string, dueAt: string): Promise<void> {
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('heading', { name: 'Step 5 of 5: Review' }).waitFor();
  await page.getByRole('button', { name: 'Change Name' }).click();
  await page.getByRole('heading', { name: 'Step 4 of 5: Options' }).waitFor();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Due date (optional)').fill(dueAt);
  await next(page, 'Step 5 of 5: Review');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}
