import { Outlet } from '@tanstack/react-router';

import { UpdatePrompt } from '@/features/pwa/components/update-prompt';

export function RootLayout() {
  return (
    <>
      <Outlet />
      <UpdatePrompt />
    </>
  );
}
