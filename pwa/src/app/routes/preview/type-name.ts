import { useTranslation } from 'react-i18next';

import { ACTIVITY_TYPES, type ActivityType } from '@/shared/scoring';

function isActivityType(type: string): type is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(type);
}

/** The readable name of an activity type (the raw type for one this app does not know). */
export function useTypeName(): (type: string) => string {
  const { t } = useTranslation('preview');
  return (type) => (isActivityType(type) ? t(`types.${type}`) : type);
}
