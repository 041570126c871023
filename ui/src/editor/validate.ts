import { api } from '../lib/api.ts'
import type { FieldError } from '../lib/types.ts'

interface ValidateResult {
  errors: FieldError[]
}

/**
 * Asks the server to validate flow YAML without saving (`POST /flows/validate`): the same parser, registry and
 * plugin defaults as a save, so the markers match what saving would say. Errors without a position mark line 1.
 */
export async function validateFlow(source: string, signal?: AbortSignal): Promise<FieldError[]> {
  if (source.trim() === '') return []
  const results = await api<ValidateResult[]>('flows/validate', {
    method: 'POST',
    body: source,
    headers: { 'Content-Type': 'application/x-yaml' },
    signal,
  })
  return results.flatMap((result) => result.errors)
}
