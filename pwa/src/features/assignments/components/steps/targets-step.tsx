import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useClasses } from '../../api/list-classes';
import { useStudents } from '../../api/list-students';
import { GroupError } from '../field';
import { QueryState } from '../query-state';
import { checkClass, ChoiceList, choiceRowClass, FilterInput, matches, type StepProps } from './step-parts';

/** Step 3: the classes and students who get the assignment. */
export function TargetsStep({ state, update, errors }: StepProps) {
  const { t } = useTranslation('assignments');
  const classes = useClasses();
  const students = useStudents();
  const [filter, setFilter] = useState('');
  const errorId = useId();
  const toggle = (key: 'classIds' | 'studentIds', id: string, checked: boolean) =>
    update({ [key]: checked ? [...state[key], id] : state[key].filter((other) => other !== id) });

  return (
    <div className="grid gap-6">
      <p className="text-muted-foreground">{t('wizard.targets.intro')}</p>
      <QueryState query={classes}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('wizard.targets.noClasses')}</p>
          ) : (
            <ChoiceList label={t('wizard.targets.classes')} describedBy={errors.targets ? errorId : undefined}>
              {list.map((schoolClass) => (
                <label key={schoolClass.id} className={choiceRowClass}>
                  <input
                    type="checkbox"
                    className={checkClass}
                    checked={state.classIds.includes(schoolClass.id)}
                    onChange={(event) => toggle('classIds', schoolClass.id, event.target.checked)}
                  />
                  <span className="grid">
                    <span className="font-medium">{schoolClass.name}</span>
                    <span className="text-sm text-muted-foreground">
                      {t('wizard.targets.studentCount', { count: schoolClass.student_count })}
                    </span>
                  </span>
                </label>
              ))}
            </ChoiceList>
          )
        }
      </QueryState>
      <QueryState query={students}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('wizard.targets.noStudents')}</p>
          ) : (
            <div className="grid gap-3">
              {list.length > 8 && <FilterInput label={t('wizard.targets.filter')} value={filter} onChange={setFilter} />}
              <ChoiceList label={t('wizard.targets.students')} describedBy={errors.targets ? errorId : undefined}>
                <div className="grid gap-2 sm:grid-cols-2">
                  {list
                    .filter((student) => matches(`${student.full_name} ${student.username ?? ''} ${student.email ?? ''}`, filter))
                    .map((student) => (
                      <label key={student.id} className={choiceRowClass}>
                        <input
                          type="checkbox"
                          className={checkClass}
                          checked={state.studentIds.includes(student.id)}
                          onChange={(event) => toggle('studentIds', student.id, event.target.checked)}
                        />
                        <span>{student.full_name}</span>
                      </label>
                    ))}
                </div>
              </ChoiceList>
            </div>
          )
        }
      </QueryState>
      <GroupError id={errorId} message={errors.targets} />
    </div>
  );
}
