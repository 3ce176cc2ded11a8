import { useMutation } from '@tanstack/react-query';

import { apiErrorFromResponse } from '@/shared/api/api-error';
import { apiFetch } from '@/shared/api/client';
import { fileNameFrom } from '@/shared/lib/download';

export type LoginCardsRequest = { student_ids: string[]; class_id?: string; reset_passwords: boolean };

/** Asks the server for the login-card PDF of the chosen students (new passwords printed when reset). */
export async function fetchLoginCards(body: LoginCardsRequest): Promise<{ blob: Blob; fileName: string }> {
  const response = await apiFetch('/api/v1/teachers/me/students/login-cards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/pdf' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw apiErrorFromResponse(response, await response.json().catch(() => null));
  return { blob: await response.blob(), fileName: fileNameFrom(response, 'login-cards.pdf') };
}

export function useLoginCards() {
  return useMutation({ mutationFn: fetchLoginCards });
}
