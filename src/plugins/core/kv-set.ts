import { z } from 'zod'
import { VerityError } from '../../errors.ts'
import { defineRunnableTask } from '../define.ts'

const KV_TYPES = ['STRING', 'NUMBER', 'BOOLEAN', 'DATETIME', 'DATE', 'DURATION', 'JSON'] as const

/** `io.kestra.plugin.core.kv.Set`: stores a value in the KV store of a namespace (the flow's by default). */
export const kvSetTask = defineRunnableTask({
  type: 'io.kestra.plugin.core.kv.Set',
  title: 'Set a key-value pair in the KV store.',
  props: z.object({
    key: z.string().min(1).describe('The key.'),
    value: z.unknown().describe('The value: any JSON value; templates are rendered.'),
    namespace: z.string().optional().describe("The namespace; default: the flow's."),
    overwrite: z
      .boolean()
      .default(true)
      .describe('Replace an existing value; when false an existing key fails the task.'),
    ttl: z.string().optional().describe('ISO-8601 duration after which the entry expires.'),
    kvType: z.enum(KV_TYPES).optional().describe('Converts the value before storing it.'),
  }),
  examples: [
    {
      title: 'Remember a result for a day',
      code: 'id: remember\ntype: io.kestra.plugin.core.kv.Set\nkey: last_result\nvalue: "{{ outputs.compute.value }}"\nttl: P1D',
    },
  ],
  async run(ctx, props) {
    if (!props.overwrite && (await ctx.kv.get(props.key, props.namespace))) {
      throw new VerityError(
        'KV_EXISTS',
        `KV key '${props.key}' already exists in namespace '${props.namespace ?? ctx.execution.namespace}' and overwrite is false`,
      )
    }
    const value = props.kvType === undefined ? props.value : convert(props.key, props.value, props.kvType)
    await ctx.kv.set(props.key, value, { namespace: props.namespace, ttl: props.ttl })
    return {}
  },
})

function convert(key: string, value: unknown, type: (typeof KV_TYPES)[number]): unknown {
  const fail = () =>
    new VerityError('KV_TYPE', `KV key '${key}': value ${JSON.stringify(value)} is not a ${type}`)
  switch (type) {
    case 'STRING':
      return typeof value === 'string' ? value : JSON.stringify(value)
    case 'NUMBER': {
      const number = typeof value === 'number' ? value : Number(value)
      if (Number.isNaN(number) || value === '' || value === null) throw fail()
      return number
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value
      if (value === 'true' || value === 'false') return value === 'true'
      throw fail()
    case 'JSON':
      if (typeof value !== 'string') return value
      try {
        return JSON.parse(value)
      } catch {
        throw fail()
      }
    case 'DATETIME':
    case 'DATE': {
      const date = new Date(String(value))
      if (Number.isNaN(date.getTime())) throw fail()
      return type === 'DATE' ? date.toISOString().slice(0, 10) : date.toISOString()
    }
    case 'DURATION':
      if (typeof value !== 'string' || !/^P/i.test(value)) throw fail()
      return value
  }
}
