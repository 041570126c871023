import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { APICallError, RetryError } from 'ai'
import { AiProviderError, toAiError } from './errors.ts'

const mask = (text: string) => text.replaceAll('sk-secret', '******')

describe('toAiError', () => {
  it('says an unreachable provider could not be reached, counting attempts', () => {
    const cause = new APICallError({
      message: 'Cannot connect to API: connect ECONNREFUSED',
      url: 'http://127.0.0.1:9/v1/chat/completions',
      requestBodyValues: {},
    })
    const error = toAiError(
      new RetryError({ message: 'failed', reason: 'maxRetriesExceeded', errors: [cause, cause, cause] }),
      'OpenAI',
      mask,
    )
    assert.ok(error instanceof AiProviderError)
    assert.equal(error.statusCode, undefined)
    assert.equal(
      error.message,
      'OpenAI could not be reached (after 3 attempts): Cannot connect to API: connect ECONNREFUSED',
    )
  })

  it('falls back to the response body when the vendor message is only the status text, and masks secrets', () => {
    const error = toAiError(
      new APICallError({
        message: 'Unauthorized',
        url: 'https://api.example.com',
        requestBodyValues: {},
        statusCode: 401,
        responseBody: '{"detail":"bad key sk-secret"}',
      }),
      'LocalAI',
      mask,
    )
    assert.ok(error instanceof AiProviderError)
    assert.equal(error.message, 'LocalAI answered HTTP 401 (check the API key): {"detail":"bad key ******"}')
  })

  it('keeps Verity errors as they are', () => {
    const original = new AiProviderError('x', 500, undefined)
    assert.equal(toAiError(original, 'OpenAI', mask), original)
  })
})
