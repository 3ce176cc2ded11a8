import { Wifi, WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import { cn } from '@/shared/lib/cn';

export function NetworkStatus() {
  const { t } = useTranslation();
  const online = useOnlineStatus();
  return (
    <span
      role="status"
      title={online ? undefined : t('network.offlineHint')}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium',
        online ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-100 text-amber-900',
      )}
    >
      {online ? <Wifi aria-hidden="true" className="size-3.5" /> : <WifiOff aria-hidden="true" className="size-3.5" />}
      {online ? t('network.online') : t('network.offline')}
    </span>
  );
}
