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

describe('books', () => {
  it('a teacher finds a sample book in the catalogue, pages through it and sees its activity markers', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tabletLandscape });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'teacher@dream.test');
    await page.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();

    await page.getByRole('navigation', { name: 'Main navigation' }).first().getByRole('link', { name: 'Books' }).click();
    await page.getByRole('heading', { name: 'Books' }).waitFor();
    const cover = page.getByRole('img', { name: 'Cover of Dream English 1' });
    await cover.waitFor();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'books-catalogue-teacher');

    await page.getByRole('link', { name: /Dream English 1/ }).click();
    const pageImage = page.getByRole('img', { name: 'Module 1: Animals, page 4' });
    await pageImage.waitFor();
    const markers = page.getByTestId('activity-marker');
    await expect.poll(() => markers.count()).toBe(2);

    // The marker sits where its coords put it on the displayed (scaled) image: section 3 of page 4 is the box
    // x 40, y 660, w 720, h 240 of an 800 x 1000 page image.
    const circle = page.getByRole('link', { name: 'Preview activity: Circle the right word.' });
    expect(await circle.getAttribute('href')).toMatch(/^\/preview\/activities\/[0-9a-f-]{36}$/);
    const image = await pageImage.boundingBox();
    const marker = await circle.boundingBox();
    if (!image || !marker) throw new Error('the page image or the marker is not displayed');
    expect(marker.x - image.x).toBeCloseTo((40 / 800) * image.width, 0);
    expect(marker.y - image.y).toBeCloseTo((660 / 1000) * image.height, 0);
    expect(marker.width).toBeCloseTo((720 / 800) * image.width, 0);
    await page.getByRole('button', { name: 'Play audio: Listen to the animals.' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'book-viewer-teacher');

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('img', { name: 'Module 1: Animals, page 5' }).waitFor();
    await expect.poll(() => markers.count()).toBe(3);
    await page.keyboard.press('ArrowRight');
    await page.getByRole('img', { name: 'Module 2: At Home, page 6' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('3');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('img', { name: 'Module 1: Animals, page 5' }).waitFor();

    // A marker opens the teacher preview of its activity.
    const first = page.getByTestId('activity-marker').first();
    const href = await first.getAttribute('href');
    await first.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(href);
    await context.close();
  });
});
