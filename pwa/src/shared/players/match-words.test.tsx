import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { MatchesAnswers } from '@/shared/scoring';

import { activityFrom, announcement, assetUrl, placeAt, renderPlayer, vectorCase } from './testing';

function pool() {
  return within(screen.getByRole('group', { name: 'Words to place' }));
}

function sentenceTarget(n: number) {
  return screen.getByRole('button', { name: new RegExp(`^Sentence ${n},`) });
}

describe('matchTheWords player', () => {
  it('matches words by tap-to-place, reporting answers that score as the vector', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('matchTheWords', 'three of four, one wrong');
    const { lastAnswers, lastScore } = renderPlayer(activityFrom('matchTheWords', vector.name));
    for (const [sentence, word] of Object.entries((vector.answers as MatchesAnswers).matches)) {
      await user.click(pool().getByRole('button', { name: word }));
      await user.click(sentenceTarget(Number(sentence) + 1));
    }
    expect(lastAnswers()).toEqual(vector.answers);
    expect(lastScore()).toEqual(vector.expected);
    expect(announcement()).toBe('swim placed in sentence 4.');
  });

  it('matches with the keyboard only', async () => {
    const user = userEvent.setup();
    const activity = activityFrom('matchTheWords', 'all matched correctly');
    const { lastAnswers } = renderPlayer(activity);
    const words = pool().getAllByRole('button');
    const lastWord = words.at(-1)!;
    lastWord.focus();
    await user.keyboard(' ');
    expect(lastWord).toHaveAttribute('aria-pressed', 'true');
    await user.tab();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(lastAnswers()).toEqual({ matches: { '1': lastWord.textContent } });
  });

  it('matches by pointer drag', () => {
    const activity = activityFrom('matchTheWords', '8 of 8');
    const { lastAnswers } = renderPlayer(activity);
    placeAt(sentenceTarget(8), 10, 700, 120, 44);
    const map = pool().getByRole('button', { name: 'map' });
    fireEvent.pointerDown(map, { pointerId: 3, button: 0, clientX: 5, clientY: 5 });
    fireEvent.pointerMove(map, { pointerId: 3, clientX: 50, clientY: 710 });
    fireEvent.pointerUp(map, { pointerId: 3, clientX: 50, clientY: 710 });
    expect(lastAnswers()).toEqual({ matches: { '7': 'map' } });
    expect(sentenceTarget(8)).toHaveTextContent('map');
    // Sentence pictures come through the asset mapper.
    expect(screen.getByRole('img', { name: 'Picture 8' })).toHaveAttribute('src', assetUrl('./books/ENG3_SB/images/Module 2/m8.png'));
  });

  it('marks each sentence in the results and shows the expected words when allowed', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('matchTheWords', 'two pairs swapped');
    renderPlayer(activityFrom('matchTheWords', vector.name), { initialAnswers: vector.answers, showResults: true, allowShowAnswers: true });
    expect(screen.getByText('Score: 50%')).toBeInTheDocument();
    expect(screen.getAllByText('right')).toHaveLength(2);
    expect(screen.getAllByText('wrong')).toHaveLength(2);
    expect(screen.queryByText('Answer: swim')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    expect(screen.getByText('Answer: swim')).toBeInTheDocument();
  });
});
