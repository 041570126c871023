import { createMistral } from '@ai-sdk/mistral'
import { defineProvider, providerProps } from './provider-common.ts'

/** Mistral AI's chat completions. */
export const mistralAI = defineProvider({
  type: 'io.kestra.plugin.ai.provider.MistralAI',
  title: 'Mistral AI models.',
  description: '`baseUrl` defaults to `https://api.mistral.ai/v1`.',
  vendor: 'Mistral AI',
  props: providerProps({ apiKeyRequired: true }),
  create: (props) => createMistral({ apiKey: props.apiKey, baseURL: props.baseUrl })(props.modelName),
})
