import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { defineProvider, providerProps } from './provider-common.ts'

/** Google Gemini through the Generative Language API (`generateContent`). */
export const googleGemini = defineProvider({
  type: 'io.kestra.plugin.ai.provider.GoogleGemini',
  title: 'Google Gemini models (Generative Language API).',
  description: '`baseUrl` defaults to `https://generativelanguage.googleapis.com/v1beta`.',
  vendor: 'Google Gemini',
  props: providerProps({ apiKeyRequired: true }),
  create: (props) =>
    createGoogleGenerativeAI({ apiKey: props.apiKey, baseURL: props.baseUrl })(props.modelName),
})
