import { createDeepSeek } from '@ai-sdk/deepseek'
import { defineProvider, providerProps } from './provider-common.ts'

/** DeepSeek's chat completions. */
export const deepSeek = defineProvider({
  type: 'io.kestra.plugin.ai.provider.DeepSeek',
  title: 'DeepSeek models.',
  description: '`baseUrl` defaults to `https://api.deepseek.com/v1`.',
  vendor: 'DeepSeek',
  props: providerProps({ apiKeyRequired: true }),
  create: (props) => createDeepSeek({ apiKey: props.apiKey, baseURL: props.baseUrl })(props.modelName),
})
