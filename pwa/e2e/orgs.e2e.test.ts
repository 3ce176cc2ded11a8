import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { type Browser, expectNoSeriousA11yViolations, launchChromium, saveScreenshot, signIn, VIEWPORTS } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

// The demo data persists between runs: every run imports students and a class of its own.
const run = Date.now().toString(36);
const className = `E2E ${run}`;

function csvOf(header: string[], rows: Record<string, string>[]): Buffer {
  const lines = [header.join(','), ...rows.map((row) => header.map((column) => row[column] ?? '').join(','))];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf-8');
}

describe('organisation screens', () => {
  it('a teacher imports a class from a CSV file and prints its login cards', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tabletLandscape, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'teacher@dream.test');
    await page.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();

    await page.getByRole('link', { name: 'Students' }).first().click();
    await page.getByRole('heading', { name: 'Students', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Import from a file' }).click();
    await page.getByRole('heading', { name: 'Import from a spreadsheet' }).waitFor();
    await expectNoSeriousA11yViolations(page);

    // The CSV template gives the columns.
    const [templateDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV template' }).click(),
    ]);
    const templatePath = await templateDownload.path();
    const header = readFileSync(templatePath, 'utf-8').replace(/^\uFEFF/, '').trim().split(',');
    expect(header).toEqual(expect.arrayContaining(['first_name', 'last_name', 'username', 'class']));

    const students = [
      { first_name: 'Ada', last_name: `Lovelace${run}`, username: `e2e-${run}-ada`, grade: '3', class: className },
      { first_name: 'Alan', last_name: `Turing${run}`, username: `e2e-${run}-alan`, grade: '3', class: className },
      { first_name: 'Grace', last_name: `Hopper${run}`, username: `e2e-${run}-grace`, grade: '3', class: className },
    ];
    await page.getByRole('button', { name: 'Next' }).click();
    const fileInput = page.getByLabel('Spreadsheet file (.xlsx or .csv)');

    // First a file with a bad username: the preview marks that cell and will not import everything.
    await fileInput.setInputFiles({
      name: 'class-with-a-mistake.csv',
      mimeType: 'text/csv',
      buffer: csvOf(header, [students[0], { ...students[1], username: 'has space' }]),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'Check the rows' }).waitFor();
    const badCell = page.locator('td[aria-invalid="true"]');
    await expect.poll(() => badCell.count()).toBe(1);
    expect(await badCell.textContent()).toContain('has space');
    expect(await page.getByRole('button', { name: 'Import all 2 rows' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Import only the valid row' }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'import-preview-errors-tablet');

    // Then the corrected file, imported all or nothing.
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page.getByLabel('Spreadsheet file (.xlsx or .csv)').setInputFiles({
      name: 'class.csv',
      mimeType: 'text/csv',
      buffer: csvOf(header, students),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Every row is ready to import.').waitFor();
    await page.getByRole('button', { name: 'Import all 3 rows' }).click();
    await page.getByRole('heading', { name: 'Done' }).waitFor();
    expect(await page.getByTestId('summary-created').textContent()).toBe('3');
    const credentials = page.getByRole('table', { name: 'New sign-in details' });
    await expect.poll(() => credentials.getByRole('row').count()).toBe(4);
    expect(await credentials.textContent()).toContain(`e2e-${run}-ada`);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'import-summary-tablet');

    // The class was created with the three students; print its cards.
    await page.getByRole('link', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Classes', level: 1 }).waitFor();
    await page.getByLabel('Search classes').fill(className);
    await page.getByRole('link', { name: className }).click();
    await page.getByRole('heading', { name: className, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '3 students' }).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Print login cards' }).click();
    await page.getByRole('dialog').waitFor();
    const [cardsResponse, cardsDownload] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/v1/teachers/me/students/login-cards')),
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(cardsResponse.status()).toBe(200);
    expect(cardsResponse.headers()['content-type']).toContain('application/pdf');
    // The PDF as the browser saved it (a fetch response's body is not kept by the DevTools protocol).
    const pdf = readFileSync(await cardsDownload.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    expect(cardsDownload.suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByRole('link', { name: 'Open them to print' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'class-login-cards-tablet');
    await context.close();
  });

  it('a teacher adds a student by hand and sees the friendly password once', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tabletPortrait });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'teacher@dream.test');
    await page.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Students' }).first().click();
    await page.getByRole('button', { name: 'Add student' }).click();
    await page.getByLabel('Full name').fill(`Mia ${run}`);
    await page.getByLabel('Username (for children without email)').fill(`e2e-${run}-mia`);
    await page.getByRole('button', { name: 'Save' }).click();

    const password = page.getByTestId('shown-password');
    await password.waitFor();
    expect((await password.textContent())?.length ?? 0).toBeGreaterThan(5);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'I have noted it' }).click();
    await page.getByLabel('Search students').fill(`e2e-${run}-mia`);
    await page.getByRole('cell', { name: `e2e-${run}-mia` }).waitFor();
    await context.close();
  });

  it('admin on a 360 px phone: the tab bar scrolls sideways and brings the current tab into view', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.smallPhone });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'admin@dream.test');
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    const tabBar = page.getByRole('navigation', { name: 'Main navigation' }).last();
    const currentTab = tabBar.locator('[aria-current="page"]');
    const inView = async (name: string) => {
      const box = await tabBar.getByRole('link', { name, exact: true }).boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= VIEWPORTS.smallPhone.width;
    };

    // More tabs than fit: the bar scrolls, the page does not, and every tab stays a full-size touch target.
    const widths = await tabBar.evaluate((nav) => ({ bar: nav.scrollWidth, shown: nav.clientWidth, page: document.documentElement.scrollWidth }));
    expect(widths.bar).toBeGreaterThan(widths.shown);
    expect(widths.page).toBeLessThanOrEqual(VIEWPORTS.smallPhone.width);
    for (const box of await tabBar.getByRole('link').evaluateAll((links) => links.map((link) => link.getBoundingClientRect()))) {
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }

    // The last tab is reached by scrolling; going back to the dashboard scrolls its tab back into view.
    await tabBar.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect.poll(() => currentTab.textContent()).toBe('Settings');
    expect(await inView('Dashboard')).toBe(false);
    await page.goBack();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await expect.poll(() => currentTab.textContent()).toBe('Dashboard');
    // The tab scrolls into view smoothly: give a loaded machine time to finish the scroll.
    await expect.poll(() => inView('Dashboard'), { timeout: 5_000 }).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'admin-tab-bar-small-phone');
    await context.close();
  });

  it.each([
    { login: 'admin@dream.test', home: 'Administration', links: ['Publishers', 'Schools', 'Users', 'Audit log', 'Import'] },
    { login: 'publisher@dream.test', home: 'Publisher workspace', links: ['Schools', 'Teachers', 'Import'] },
    { login: 'teacher@dream.test', home: 'Teacher dashboard', links: ['Classes'] },
  ])('$login: the new screens have no serious accessibility violations', async ({ login, home, links }) => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tabletLandscape });
    const page = await context.newPage();
    await signIn(page, baseUrl, login);
    await page.getByRole('heading', { name: home }).waitFor();
    let previous = home;
    for (const name of links) {
      await page.getByRole('navigation', { name: 'Main navigation' }).first().getByRole('link', { name, exact: true }).click();
      // The previous screen's heading gone, then every list loaded (a screen can show several "Loading…" at once).
      const previousHeading = page.getByRole('heading', { name: previous, exact: true });
      await expect.poll(() => previousHeading.count(), { timeout: 10_000 }).toBe(0);
      const heading = page.locator('main h1');
      await heading.waitFor();
      previous = (await heading.textContent()) ?? '';
      await expect.poll(() => page.getByText('Loading…').count(), { timeout: 10_000 }).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, `orgs-${login.split('@')[0]}-${name.toLowerCase().replace(' ', '-')}`);
    }
    await context.close();
  });
});
