import { createOllama } from 'ollama-ai-provider-v2'
import { z } from 'zod'
import { defineProvider } from './provider-common.ts'

/** A local or remote Ollama server, through its native `/api/chat`. */
export const ollama = defineProvider({
  type: 'io.kestra.plugin.ai.provider.Ollama',
  title: 'Models served by Ollama.',
  vendor: 'Ollama',
  props: z.object({
    modelName: z.string().min(1).describe('The model, e.g. `llama3.2`.'),
    endpoint: z.url().describe("The Ollama server's URL, e.g. `http://localhost:11434`."),
    apiKey: z
      .string()
      .min(1)
      .optional()
      .describe('Bearer token, for an Ollama server behind an authenticating proxy.'),
  }),
  create: (props) =>
    createOllama({
      baseURL: `${props.endpoint.replace(/\/+$/, '')}/api`,
      headers: props.apiKey === undefined ? undefined : { Authorization: `Bearer ${props.apiKey}` },
    })(props.modelName),
})
