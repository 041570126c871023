import { jsonSchema, tool } from 'ai'
import { z } from 'zod'
import { defineComponent } from '../define.ts'
import { codeToolDescription } from './code-execution-result.ts'
import { judge0Executor } from './code-executor-judge0.ts'
import { type CodeExecutor, localExecutor } from './code-executor-local.ts'
import { traceMasked } from './trace.ts'
import type { ToolImplementation, ToolServices } from './types.ts'

const limitsSchema = z
  .object({
    cpuTime: z.number().positive().optional().describe('CPU seconds per run.'),
    wallTime: z.number().positive().optional().describe('Wall-clock seconds per run.'),
    memory: z.number().int().positive().optional().describe('Memory in KB.'),
    stack: z.number().int().positive().optional().describe('Stack in KB (local executor).'),
    processes: z.number().int().positive().optional().describe('Processes and threads (local executor).'),
    fileSize: z.number().int().positive().optional().describe('Largest file written, KB (local executor).'),
    outputSize: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Bytes of stdout and of stderr kept (local executor).'),
  })
  .describe('Limits per run, merged over the sandbox defaults and capped by its maxima.')

const props = z.object({
  executor: z
    .enum(['local', 'judge0'])
    .optional()
    .describe(
      'Where code runs. Default: `judge0` when `baseUrl` or `apiKey` is set, else `local` (the sandbox). ' +
        'A forced pluginDefault can pin it for a whole deployment.',
    ),
  apiKey: z
    .string()
    .optional()
    .describe(
      'Judge0 key: with no `baseUrl`, a RapidAPI key for Judge0 CE (as Kestra); with one, an X-Auth-Token.',
    ),
  baseUrl: z
    .url()
    .optional()
    .describe('A Judge0-compatible server, e.g. a Verity server’s `http://host:8080/judge0`.'),
  languages: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'Languages the model may use (ids such as `python`, `javascript`); default: every installed one.',
    ),
  limits: limitsSchema.optional(),
  network: z.boolean().default(false).describe('Let programs reach the network (local executor).'),
  outputFiles: z
    .array(z.string().min(1))
    .optional()
    .describe('Globs of files the programs write to keep as task output files (local executor).'),
})

type Props = z.output<typeof props>

function chooseExecutor(services: ToolServices, options: Props): Promise<CodeExecutor> {
  const kind =
    options.executor ?? (options.baseUrl !== undefined || options.apiKey !== undefined ? 'judge0' : 'local')
  if (options.apiKey !== undefined) services.ctx.maskSecret(options.apiKey)
  if (kind === 'local') return localExecutor(services, options)
  return judge0Executor(services, options)
}

const implementation: ToolImplementation<Props> = {
  async createTools(services, options) {
    const executor = await chooseExecutor(services, options)
    const ids = executor.languages.map((language) => language.id)
    const executeCode = tool({
      description: codeToolDescription(executor.languages, executor.where),
      inputSchema: jsonSchema<{ language: string; code: string; stdin?: string }>({
        type: 'object',
        properties: {
          language: { type: 'string', enum: ids, description: 'The language of the program.' },
          code: { type: 'string', description: 'The complete program source. Print results to stdout.' },
          stdin: { type: 'string', description: 'Optional standard input.' },
        },
        required: ['language', 'code'],
      }),
      async execute(input, { abortSignal, toolCallId }) {
        if (!ids.includes(input.language)) {
          throw new Error(`unknown language "${input.language}"; use one of: ${ids.join(', ')}`)
        }
        const signal = abortSignal ?? services.ctx.signal
        const result = await executor.run(input, signal)
        traceMasked(services.ctx, 'code-execution', {
          toolCallId,
          executor: executor.kind,
          language: input.language,
          source: input.code,
          stdin: input.stdin,
          ...result,
        })
        return result
      },
    })
    return { tools: { execute_code: executeCode } }
  },
}

/**
 * `io.kestra.plugin.ai.tool.CodeExecution`: lets the model run programs and read back everything (stdout, stderr,
 * compile output, status, exit code, truncation). A failing program is a result for the model to fix, not a task
 * failure. Runs in the local sandbox by default, or on any Judge0-compatible server.
 */
export const codeExecution = defineComponent({
  type: 'io.kestra.plugin.ai.tool.CodeExecution',
  title:
    'Let the model run code: in the local sandbox (any installed language) or on a Judge0-compatible server.',
  category: 'tool',
  props,
  implementation,
})
