import { useMutation } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { Me } from '@/shared/api/types';
import { requestPersistentStorage } from '@/shared/db/storage';
import { saveTokens } from '@/shared/session/session';

export type LoginInput = { login: string; password: string };

/** Signs in with an email or a username; the session is saved on the device before this resolves. */
export async function login(input: LoginInput): Promise<Me> {
  const tokens = await unwrap(api.POST('/api/v1/auth/login', { body: input }));
  await saveTokens(tokens);
  // Ask once we know someone uses this device, so the browser keeps their offline work.
  void requestPersistentStorage();
  return tokens.user;
}

export function useLogin({ onSuccess }: { onSuccess: (me: Me) => void }) {
  return useMutation({ mutationFn: login, onSuccess });
}
