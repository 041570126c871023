import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { defineProvider, providerProps } from './provider-common.ts'

/** OpenRouter: many vendors' models behind one OpenAI-compatible API. */
export const openRouter = defineProvider({
  type: 'io.kestra.plugin.ai.provider.OpenRouter',
  title: 'Models of many vendors through OpenRouter (OpenAI-compatible API).',
  description:
    '`baseUrl` defaults to `https://openrouter.ai/api/v1`; `modelName` is e.g. `openai/gpt-4o-mini`.',
  vendor: 'OpenRouter',
  props: providerProps({ apiKeyRequired: true }),
  create: (props) =>
    createOpenAICompatible({
      name: 'openrouter',
      apiKey: props.apiKey,
      baseURL: props.baseUrl ?? 'https://openrouter.ai/api/v1',
    }).chatModel(props.modelName),
})
