import type { LanguageModel } from 'ai'
import { z } from 'zod'
import { type ComponentPlugin, defineComponent } from '../define.ts'
import type { ProviderImplementation } from './types.ts'

const modelName = z.string().min(1).describe('The model, e.g. `gemini-2.5-flash`, `gpt-4o-mini`.')
const apiKey = z.string().min(1).describe('The API key. Masked in logs, outputs, traces and errors.')
const baseUrl = z
  .url()
  .describe("The API's base URL, to reach a proxy, a regional endpoint or a compatible server.")

/** The properties every provider shares: `modelName`, `apiKey` (required or optional), `baseUrl`. */
export function providerProps(options: { apiKeyRequired: boolean; baseUrlRequired?: boolean }) {
  return z.object({
    modelName,
    apiKey: options.apiKeyRequired ? apiKey : apiKey.optional(),
    baseUrl: options.baseUrlRequired ? baseUrl : baseUrl.optional(),
  })
}

/** Provider props after validation, as `createModel` receives them. */
export interface BaseProviderProps {
  modelName: string
  apiKey?: string
  baseUrl?: string
}

/**
 * Defines a provider component under its Kestra type name. `create` builds the AI SDK model; the API key is
 * declared secret so the agent runner masks it before anything is logged or traced.
 */
export function defineProvider<P extends z.ZodType<BaseProviderProps>>(definition: {
  type: string
  title: string
  vendor: string
  props: P
  create(props: z.output<P>): LanguageModel
  description?: string
}): ComponentPlugin<P, ProviderImplementation<z.output<P>>> {
  return defineComponent({
    type: definition.type,
    title: definition.title,
    description: definition.description,
    category: 'provider',
    props: definition.props,
    implementation: {
      vendor: definition.vendor,
      createModel: definition.create,
      secrets: (props) => (props.apiKey === undefined ? [] : [props.apiKey]),
      modelName: (props) => props.modelName,
    },
  })
}
