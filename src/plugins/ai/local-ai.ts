import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { defineProvider, providerProps } from './provider-common.ts'

/** Any server speaking OpenAI's chat completions: LocalAI, vLLM, llama.cpp server, LM Studio… */
export const localAI = defineProvider({
  type: 'io.kestra.plugin.ai.provider.LocalAI',
  title: 'Any OpenAI-compatible server (LocalAI, vLLM, llama.cpp, LM Studio…).',
  description:
    "`baseUrl` is the server's OpenAI API root, e.g. `http://localhost:8080/v1`; `apiKey` is optional.",
  vendor: 'LocalAI',
  props: providerProps({ apiKeyRequired: false, baseUrlRequired: true }),
  create: (props) =>
    createOpenAICompatible({
      name: 'localai',
      apiKey: props.apiKey,
      baseURL: props.baseUrl as string,
    }).chatModel(props.modelName),
})
