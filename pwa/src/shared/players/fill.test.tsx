import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { BlanksAnswers } from '@/shared/scoring';

import { activityFrom, renderPlayer, vectorCase } from './testing';

describe('fillSentencesWithDots player', () => {
  it('types into labelled blanks, reporting answers that score as the vector', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('fillSentencesWithDots', 'two of four, one misspelt');
    const { lastAnswers, lastScore } = renderPlayer(activityFrom('fillSentencesWithDots', vector.name));
    for (const [index, text] of Object.entries((vector.answers as BlanksAnswers).blanks)) {
      await user.type(screen.getByRole('textbox', { name: new RegExp(`^Blank ${Number(index) + 1}:`) }), text);
    }
    expect(lastAnswers()).toEqual(vector.answers);
    expect(lastScore()).toEqual(vector.expected);
  });

  it('undoes a whole typed word at once and drops a cleared blank from the answers', async () => {
    const user = userEvent.setup();
    const { lastAnswers } = renderPlayer(activityFrom('fillSentencesWithDots', 'all correct, exact'));
    const first = screen.getByRole('textbox', { name: /^Blank 1:/ });
    const second = screen.getByRole('textbox', { name: /^Blank 2:/ });
    await user.type(first, 'walk');
    await user.type(second, 'drinks');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(lastAnswers()).toEqual({ blanks: { '0': 'walk' } });
    expect(second).toHaveValue('');
    await user.clear(first);
    expect(lastAnswers()).toEqual({ blanks: {} });
  });

  it('marks each sentence in the results and shows the expected words when allowed', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('fillSentencesWithDots', 'case and surrounding whitespace are ignored');
    renderPlayer(activityFrom('fillSentencesWithDots', vector.name), {
      initialAnswers: vector.answers,
      showResults: true,
      allowShowAnswers: true,
    });
    expect(screen.getByText('Score: 100%')).toBeInTheDocument();
    expect(screen.getAllByText('right')).toHaveLength(4);
    expect(screen.getByRole('textbox', { name: /^Blank 1:/ })).toHaveAttribute('readonly');
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    expect(screen.getByText('Answer: walk')).toBeInTheDocument();
  });
});

describe('fillpicture player', () => {
  it('types into inputs drawn over the zones, labelled by their number', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('fillpicture', '5 of 8 rounds 62.5 up to 63');
    const { lastAnswers, lastScore } = renderPlayer(activityFrom('fillpicture', vector.name));
    for (const [index, text] of Object.entries((vector.answers as BlanksAnswers).blanks)) {
      await user.type(screen.getByRole('textbox', { name: `Box ${Number(index) + 1}` }), text);
    }
    expect(lastAnswers()).toEqual(vector.answers);
    expect(lastScore()).toEqual(vector.expected);
    const box = screen.getByRole('textbox', { name: 'Box 2' }).parentElement!;
    expect(box.style.position).toBe('absolute');
    expect(box.style.top).not.toBe('');
  });

  it('shows results on the picture and the key when allowed', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('fillpicture', 'three of four, one misspelt');
    renderPlayer(activityFrom('fillpicture', vector.name), { initialAnswers: vector.answers, showResults: true, allowShowAnswers: true });
    expect(screen.getByText('Score: 75%')).toBeInTheDocument();
    expect(screen.getAllByText('wrong')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    expect(screen.getByText('Answer: Wednesday')).toBeInTheDocument();
  });
});
