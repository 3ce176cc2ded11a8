import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { scoreActivity, type PlacementsAnswers } from '@/shared/scoring';

import { activityFrom, announcement, placeAt, renderPlayer, vectorCase } from './testing';

const ALL_CORRECT = 'all zones correct';

function pool() {
  return within(screen.getByRole('group', { name: 'Words to place' }));
}

function zone(n: number) {
  return screen.getByRole('button', { name: new RegExp(`^Box ${n}:`) });
}

describe('dragdroppicture player', () => {
  it('shows the instruction and the picture from the asset URL', () => {
    renderPlayer(activityFrom('dragdroppicture', ALL_CORRECT));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(/\S/);
    expect(screen.getByRole('img', { name: 'Exercise picture' }).getAttribute('src')).toMatch(/^https:\/\/assets\.test\/ENG3_SB\/images\//);
  });

  it('places words by tap-to-pick then tap-to-place and reports answers that score as the vector', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('dragdroppicture', 'three of four, one zone empty');
    const { lastAnswers, lastScore } = renderPlayer(activityFrom('dragdroppicture', vector.name));
    for (const [zoneIndex, word] of Object.entries((vector.answers as PlacementsAnswers).placements)) {
      await user.click(pool().getByRole('button', { name: word }));
      expect(pool().getByRole('button', { name: word })).toHaveAttribute('aria-pressed', 'true');
      await user.click(zone(Number(zoneIndex) + 1));
    }
    expect(lastAnswers()).toEqual(vector.answers);
    expect(lastScore()).toEqual(vector.expected);
    expect(zone(1)).toHaveAccessibleName('Box 1: book');
    expect(announcement()).toBe('bag placed in box 3.');
  });

  it('places a word with the keyboard only: Enter picks, Tab and arrows reach a zone, Enter places', async () => {
    const user = userEvent.setup();
    const activity = activityFrom('dragdroppicture', ALL_CORRECT);
    const { lastAnswers } = renderPlayer(activity);
    const words = (activity.config.words as string[]);
    const last = words.at(-1)!;
    pool().getByRole('button', { name: last }).focus();
    await user.keyboard('{Enter}');
    expect(announcement()).toBe(`Picked ${last}. Now choose where it goes.`);
    await user.tab();
    expect(zone(1)).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(zone(3)).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(lastAnswers()).toEqual({ placements: { '2': last } });
    expect(announcement()).toBe(`${last} placed in box 3.`);
    // Arrows also move between the pool's words.
    pool().getByRole('button', { name: words[0] }).focus();
    await user.keyboard('{ArrowRight}');
    expect(pool().getByRole('button', { name: words[1] })).toHaveFocus();
  });

  it('places a word by pointer drag (touch or mouse) onto the zone under the pointer', () => {
    const { lastAnswers, onChange } = renderPlayer(activityFrom('dragdroppicture', ALL_CORRECT));
    placeAt(zone(1), 0, 300, 100, 40);
    placeAt(zone(4), 300, 300, 100, 40);
    const word = pool().getByRole('button', { name: 'ruler' });
    fireEvent.pointerDown(word, { pointerId: 7, button: 0, clientX: 20, clientY: 20 });
    fireEvent.pointerMove(word, { pointerId: 7, clientX: 200, clientY: 200 });
    expect(screen.getByText('ruler', { selector: '[aria-hidden="true"]' })).toBeInTheDocument();
    fireEvent.pointerMove(word, { pointerId: 7, clientX: 350, clientY: 320 });
    expect(zone(4)).toHaveAttribute('data-drop-hover', 'true');
    fireEvent.pointerUp(word, { pointerId: 7, clientX: 350, clientY: 320 });
    fireEvent.click(word);
    expect(lastAnswers()).toEqual({ placements: { '3': 'ruler' } });
    // The click that ends a drag does not pick the word too.
    expect(word).toHaveAttribute('aria-pressed', 'false');
    // A drop outside every zone places nothing.
    fireEvent.pointerDown(word, { pointerId: 8, button: 0, clientX: 20, clientY: 20 });
    fireEvent.pointerMove(word, { pointerId: 8, clientX: 900, clientY: 900 });
    fireEvent.pointerUp(word, { pointerId: 8, clientX: 900, clientY: 900 });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('takes a word out by tapping its zone, undoes the last step and resets', async () => {
    const user = userEvent.setup();
    const { lastAnswers } = renderPlayer(activityFrom('dragdroppicture', ALL_CORRECT));
    await user.click(pool().getByRole('button', { name: 'book' }));
    await user.click(zone(1));
    await user.click(pool().getByRole('button', { name: 'bag' }));
    await user.click(zone(3));
    await user.click(zone(1));
    expect(lastAnswers()).toEqual({ placements: { '2': 'bag' } });
    expect(announcement()).toBe('book taken out of box 1.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(lastAnswers()).toEqual({ placements: { '0': 'book', '2': 'bag' } });
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(lastAnswers()).toEqual({ placements: {} });
    expect(screen.getByRole('button', { name: 'Start again' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(lastAnswers()).toEqual({ placements: { '0': 'book', '2': 'bag' } });
  });

  it('scales zones from image pixels to the loaded picture', () => {
    renderPlayer(activityFrom('dragdroppicture', ALL_CORRECT));
    const image = screen.getByRole('img', { name: 'Exercise picture' });
    Object.defineProperty(image, 'naturalWidth', { value: 800 });
    Object.defineProperty(image, 'naturalHeight', { value: 400 });
    fireEvent.load(image);
    const config = activityFrom('dragdroppicture', ALL_CORRECT).config as { answer: { coords: { x: number; y: number; w: number } }[] };
    const coords = config.answer[0]!.coords;
    const zoneBox = zone(1).parentElement!;
    expect(zoneBox.style.left).toBe(`${(100 * coords.x) / 800}%`);
    expect(zoneBox.style.top).toBe(`${(100 * coords.y) / 400}%`);
    expect(zoneBox.style.width).toBe(`${(100 * coords.w) / 800}%`);
  });

  it('shows the results: score, each zone right or wrong, and answers when allowed', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('dragdroppicture', 'one of four correct, one wrong');
    renderPlayer(activityFrom('dragdroppicture', vector.name), {
      initialAnswers: vector.answers,
      showResults: true,
      allowShowAnswers: true,
    });
    expect(screen.getByText(`Score: ${vector.expected!.score}%`)).toBeInTheDocument();
    expect(screen.getAllByText('right')).toHaveLength(1);
    expect(screen.getAllByText('wrong')).toHaveLength(3);
    expect(screen.queryByRole('group', { name: 'Words to place' })).not.toBeInTheDocument();
    expect(zone(1)).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    expect(screen.getByText('Answer: ruler')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hide answers' })).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('dragdroppicturegroup player', () => {
  it('replays a vector by tap-to-place and by drag, scoring as the vector expects', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('dragdroppicturegroup', 'a reused word misplaced first still earns its right zone');
    const activity = activityFrom('dragdroppicturegroup', vector.name);
    const { lastAnswers } = renderPlayer(activity);
    await user.click(pool().getByRole('button', { name: 'cat' }));
    await user.click(zone(1));
    placeAt(zone(5), 500, 500, 50, 50);
    const cat = pool().getByRole('button', { name: 'cat' });
    fireEvent.pointerDown(cat, { pointerId: 1, button: 0, clientX: 0, clientY: 0 });
    fireEvent.pointerMove(cat, { pointerId: 1, clientX: 520, clientY: 520 });
    fireEvent.pointerUp(cat, { pointerId: 1, clientX: 520, clientY: 520 });
    expect(lastAnswers()).toEqual(vector.answers);
    expect(scoreActivity('dragdroppicturegroup', activity.config, lastAnswers())).toEqual(vector.expected);
  });
});
