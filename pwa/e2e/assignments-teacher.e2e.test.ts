// Issue 7, teacher side: the teacher creates an assignment for Class 3B through the wizard, sees it in the list
// and opens its results page, then edits it. Every screen on the way is checked with axe.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createAssignmentForClass3B, renameAssignmentAndMoveDueDate } from './assignment-wizard';
import { type Browser, expectNoSeriousA11yViolations, launchChromium, saveScreenshot, signIn, VIEWPORTS } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
// Without a service worker the "ready to work offline" notice never covers the buttons (offline use has its own tests).
const CONTEXT = { viewport: VIEWPORTS.tabletLandscape, serviceWorkers: 'block' } as const;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('teacher assignments', () => {
  it('the teacher creates an assignment for Class 3B through the wizard and sees it in the list', async () => {
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    const name = `Class 3B practice ${Date.now()}`;
    await signIn(page, baseUrl, 'teacher@dream.test');
    await page.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();

    await createAssignmentForClass3B(page, name, { audit: true, timeLimitMinutes: 30 });

    // The results page lists every student of the class, none started yet.
    expect(new URL(page.url()).pathname).toMatch(/^\/teacher\/assignments\/[0-9a-f-]{36}$/);
    const rows = page.getByRole('table', { name: `Results of ${name}` }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(6); // the header and Class 3B's five students
    await expect.poll(() => rows.filter({ hasText: 'Sam Student' }).getByText('Not started').count()).toBe(1);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'assignment-results-new');

    await page.getByRole('link', { name: 'All assignments' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
    await card.waitFor();
    await expect
      .poll(() => card.getByRole('progressbar', { name: `Completion of ${name}` }).getAttribute('aria-valuetext'))
      .toBe('0 of 5 students finished');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'assignment-list');
    await context.close();
  });

  it('the teacher renames the assignment and moves its due date; the results page shows both', async () => {
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    const name = `Typo practise ${Date.now()}`;
    const fixed = name.replace('practise', 'practice');
    await signIn(page, baseUrl, 'teacher@dream.test');
    await page.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();
    await createAssignmentForClass3B(page, name);
    const resultsPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await renameAssignmentAndMoveDueDate(page, fixed, '2099-06-01T10:00');

    expect(new URL(page.url()).pathname).toBe(resultsPath);
    const due = page.getByRole('definition').filter({ hasText: /^Jun 1, 2099/ });
    await expect.poll(() => due.count()).toBe(1);
    // Still every student of the class: only the name and the due date were sent.
    const rows = page.getByRole('table', { name: `Results of ${fixed}` }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(6);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'assignment-results-edited');

    // The list shows the new name.
    await page.getByRole('link', { name: 'All assignments' }).click();
    await page.getByRole('link', { name: fixed }).waitFor();
    expect(await page.getByRole('link', { name }).count()).toBe(0);
    await context.close();
  });

  it('student1 completes it; the teacher sees the score and the answers drawn on the activity', async () => {
    const teacherContext = await browser.newContext(CONTEXT);
    const teacher = await teacherContext.newPage();
    const name = `Circle practice ${Date.now()}`;
    await signIn(teacher, baseUrl, 'teacher@dream.test');
    await teacher.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();
    await createAssignmentForClass3B(teacher, name, { timeLimitMinutes: 30 });
    const resultsUrl = teacher.url();

    // student1 (Sam Student) opens it from the dashboard, circles one option per question and submits.
    const studentContext = await browser.newContext(CONTEXT);
    const student = await studentContext.newPage();
    await signIn(student, baseUrl, 'student1@dream.test');
    await student.getByRole('heading', { name: 'My learning' }).waitFor();
    const item = student.getByTestId('student-assignment').filter({ hasText: name });
    await item.getByRole('link', { name: 'Start' }).click();
    const option = student.getByRole('button', { name: /^Question \d+, option 1$/ });
    await option.first().waitFor();
    // Played online without "Make available offline": the picture still loads, from the server.
    const picture = student.getByRole('img', { name: 'Exercise picture' });
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    const picked = await option.count();
    for (const button of await option.all()) await button.click();
    await student.getByRole('button', { name: 'Submit' }).click();
    await student.getByRole('alertdialog').getByRole('button', { name: 'Submit' }).click();
    await student.waitForURL(/\/results$/);
    // The submission leaves the device through the sync queue; wait until the server's score comes back.
    const studentScore = student.getByTestId('result-score');
    await expect
      .poll(
        async () => {
          if (await studentScore.isVisible()) return studentScore.textContent();
          await student.reload();
          await student.getByRole('heading', { name, level: 1 }).waitFor();
          return (await studentScore.isVisible()) ? studentScore.textContent() : null;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toMatch(/^Your score: \d+%$/);
    const score = (await studentScore.textContent())!.replace('Your score: ', '');
    await studentContext.close();

    // The teacher's results show the server's score (after the worker re-scored it) and the answers.
    await teacher.goto(resultsUrl);
    const sam = teacher.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: /^Sam Student/ }) });
    await sam.waitFor();
    expect(await sam.getByRole('cell').nth(0).textContent()).toContain('Submitted');
    expect(await sam.getByRole('cell').nth(1).textContent()).toBe(score);
    await sam.getByRole('button', { name: 'Answers of Sam Student' }).click();
    const answers = teacher.getByRole('region', { name: 'Answers of Sam Student' });
    await expect.poll(() => answers.getByRole('status').first().textContent()).toContain(`Score: ${score}`);
    // Sam's picks are drawn on the activity, read-only.
    const drawn = answers.getByRole('button', { name: /^Question \d+, option 1/ });
    await expect.poll(() => drawn.count()).toBe(picked);
    for (const button of await drawn.all()) {
      expect(await button.getAttribute('aria-pressed')).toBe('true');
      expect(await button.isDisabled()).toBe(true);
    }
    // The item analysis counts the submission.
    const analysis = teacher.getByRole('table', { name: 'Items of Activity 1: Circle the right word.' });
    await expect.poll(() => analysis.getByRole('row').filter({ hasText: /\(\d+ of 1\)/ }).count()).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(teacher);
    await saveScreenshot(teacher, 'assignment-results-answers');
    await teacherContext.close();
  }, 120_000);
});
