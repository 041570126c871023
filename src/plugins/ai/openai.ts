import { createOpenAI } from '@ai-sdk/openai'
import { defineProvider, providerProps } from './provider-common.ts'

/** OpenAI through the Chat Completions API, the one Kestra uses (not the Responses API). */
export const openAI = defineProvider({
  type: 'io.kestra.plugin.ai.provider.OpenAI',
  title: 'OpenAI models (Chat Completions API).',
  description: '`baseUrl` defaults to `https://api.openai.com/v1`.',
  vendor: 'OpenAI',
  props: providerProps({ apiKeyRequired: true }),
  create: (props) => createOpenAI({ apiKey: props.apiKey, baseURL: props.baseUrl }).chat(props.modelName),
})
