import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DataTable, FilterSelect, ListState, ListToolbar, PageHeader, Pagination } from '@/shared/ui/list-controls';

import { type AuditEntry, useAuditLog } from '../api/audit-log';

const ENTITY_TYPES = ['publisher', 'school', 'teacher', 'student', 'user', 'class'] as const;

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-muted-foreground">—</span>;
  return <pre className="max-w-72 overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 1)}</pre>;
}

/** The actor as "name (email)", with its id on hover; a deleted actor has no id left but keeps the name and email it
 * had when it acted (the server's snapshot), so only an entry without any name is the system's. */
export function Actor({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('orgs');
  if (entry.actor_name === null) return <span>{t('audit.system')}</span>;
  return (
    <span title={entry.actor_user_id ?? t('audit.deletedUser')}>
      {entry.actor_email === null ? entry.actor_name : t('audit.actor', { name: entry.actor_name, email: entry.actor_email })}
    </span>
  );
}

/** Who did what and when, with the values before and after; newest first. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation(['orgs', 'ui']);
  const [entityType, setEntityType] = useState('');
  const [page, setPage] = useState(1);
  const log = useAuditLog({ entityType: entityType || undefined, page });
  const items = log.data?.items ?? [];
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="grid gap-6">
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <ListToolbar>
        <FilterSelect
          label={t('audit.entityType')}
          allLabel={t('audit.allTypes')}
          value={entityType}
          onChange={(value) => {
            setEntityType(value);
            setPage(1);
          }}
          options={ENTITY_TYPES.map((type) => ({ value: type, label: type }))}
        />
      </ListToolbar>
      <ListState isLoading={log.isLoading} error={log.error} isEmpty={items.length === 0} emptyText={t('audit.empty')}>
        <DataTable caption={t('audit.title')}>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.before')}</th>
              <th scope="col">{t('audit.after')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id} className="align-top">
                <td className="whitespace-nowrap">{when.format(new Date(entry.created_at))}</td>
                <td>
                  <Actor entry={entry} />
                  {entry.ip ? <span className="block font-mono text-xs text-muted-foreground">{entry.ip}</span> : null}
                </td>
                <td>
                  <span className="font-medium">{entry.action}</span>
                  <span className="block text-xs text-muted-foreground">
                    {entry.entity_type}
                    {entry.entity_id ? ` · ${entry.entity_id}` : ''}
                  </span>
                </td>
                <td>
                  <Json value={entry.before} />
                </td>
                <td>
                  <Json value={entry.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </ListState>
      <Pagination pagination={log.data?.pagination} onPage={setPage} />
    </div>
  );
}
