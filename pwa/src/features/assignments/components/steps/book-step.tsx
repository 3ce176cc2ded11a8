import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useBooks } from '../../api/list-books';
import type { Book } from '../../api/types';
import { GroupError } from '../field';
import { QueryState } from '../query-state';
import { checkClass, ChoiceList, choiceRowClass, FilterInput, matches, type StepProps } from './step-parts';

/** Step 1: the book the activities come from. */
export function BookStep({ state, update, errors }: StepProps) {
  const { t } = useTranslation('assignments');
  const books = useBooks();
  const [filter, setFilter] = useState('');
  const errorId = useId();

  const choose = (book: Book) => {
    if (book.id === state.bookId) return;
    // Activities belong to one book; a new book starts the choice again.
    update({ bookId: book.id, activityIds: [], name: state.name.trim() === '' ? book.title : state.name });
  };

  return (
    <QueryState query={books}>
      {(list) =>
        list.length === 0 ? (
          <p>{t('wizard.book.none')}</p>
        ) : (
          <div className="grid gap-4">
            {list.length > 8 && <FilterInput label={t('wizard.book.filter')} value={filter} onChange={setFilter} />}
            <ChoiceList label={t('wizard.book.label')} describedBy={errors.bookId ? errorId : undefined}>
              {list
                .filter((book) => matches(`${book.title} ${book.publisher_name ?? ''}`, filter))
                .map((book) => (
                  <label key={book.id} className={choiceRowClass}>
                    <input
                      type="radio"
                      name="book"
                      className={checkClass}
                      checked={state.bookId === book.id}
                      onChange={() => choose(book)}
                    />
                    <span className="grid">
                      <span className="font-medium">{book.title}</span>
                      {book.publisher_name && <span className="text-sm text-muted-foreground">{book.publisher_name}</span>}
                    </span>
                  </label>
                ))}
            </ChoiceList>
            <GroupError id={errorId} message={errors.bookId} />
          </div>
        )
      }
    </QueryState>
  );
}
