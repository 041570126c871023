import { createAnthropic } from '@ai-sdk/anthropic'
import { defineProvider, providerProps } from './provider-common.ts'

/** Anthropic Claude through the Messages API. */
export const anthropic = defineProvider({
  type: 'io.kestra.plugin.ai.provider.Anthropic',
  title: 'Anthropic Claude models (Messages API).',
  description: '`baseUrl` defaults to `https://api.anthropic.com/v1`.',
  vendor: 'Anthropic',
  props: providerProps({ apiKeyRequired: true }),
  create: (props) => createAnthropic({ apiKey: props.apiKey, baseURL: props.baseUrl })(props.modelName),
})
