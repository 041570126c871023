import type { GenerateTextResult, LanguageModelUsage, OutputInterface, StepResult, ToolSet } from 'ai'
import { z } from 'zod'
import { toKestraFinishReason } from './finish-reason.ts'
import type { LlmCallRecord } from './trace.ts'

const finishReason = z
  .enum(['STOP', 'LENGTH', 'TOOL_EXECUTION', 'CONTENT_FILTER', 'OTHER'])
  .describe('Why the model stopped: STOP, LENGTH, TOOL_EXECUTION, CONTENT_FILTER or OTHER.')

const tokenUsageSchema = z
  .object({
    inputTokenCount: z.number().nullable(),
    outputTokenCount: z.number().nullable(),
    totalTokenCount: z.number().nullable(),
  })
  .describe('Tokens used, summed over every LLM call of the run.')

/** The outputs of AIAgent (and of the completion tasks), named exactly as Kestra names them. */
export const agentOutputsSchema = z.object({
  textOutput: z.string().optional().describe('Final answer when the response format is TEXT.'),
  jsonOutput: z.unknown().optional().describe('Final answer, parsed, when the response format is JSON.'),
  tokenUsage: tokenUsageSchema,
  finishReason,
  toolExecutions: z
    .array(
      z.object({
        requestId: z.string(),
        requestName: z.string(),
        requestArguments: z.unknown(),
        result: z
          .string()
          .describe('What the tool returned to the model (JSON text for structured results).'),
      }),
    )
    .describe('Every tool call, in order, with its result (or its error as the model saw it).'),
  intermediateResponses: z
    .array(
      z.object({
        id: z.string().nullable(),
        completion: z.string(),
        tokenUsage: tokenUsageSchema,
        finishReason,
        toolExecutionRequests: z.array(
          z.object({ id: z.string(), name: z.string(), arguments: z.unknown() }),
        ),
        requestDuration: z.number().nullable(),
      }),
    )
    .describe('Every LLM response before the final one.'),
  requestDuration: z.number().nullable().describe('Milliseconds of the final LLM request, as in Kestra.'),
  outputFiles: z
    .record(z.string(), z.string())
    .optional()
    .describe('Files declared by tools (CodeExecution `outputFiles`): name → `verity://` URI.'),
})

export type AgentOutputs = z.output<typeof agentOutputsSchema>
export type TokenUsage = z.output<typeof tokenUsageSchema>
export type ToolExecution = AgentOutputs['toolExecutions'][number]

/** Converts the AI SDK's token usage to Kestra's names. */
export function toTokenUsage(usage: LanguageModelUsage): TokenUsage {
  const input = usage.inputTokens ?? null
  const output = usage.outputTokens ?? null
  const total = usage.totalTokens ?? (input !== null && output !== null ? input + output : null)
  return { inputTokenCount: input, outputTokenCount: output, totalTokenCount: total }
}

/** Every tool call of every step with its result, or its error as the LLM saw it. */
export function toolExecutions(steps: readonly StepResult<ToolSet>[]): ToolExecution[] {
  const executions: ToolExecution[] = []
  for (const step of steps) {
    for (const part of step.content) {
      if (part.type === 'tool-result') {
        executions.push({
          requestId: part.toolCallId,
          requestName: part.toolName,
          requestArguments: part.input,
          result: typeof part.output === 'string' ? part.output : JSON.stringify(part.output),
        })
      } else if (part.type === 'tool-error') {
        executions.push({
          requestId: part.toolCallId,
          requestName: part.toolName,
          requestArguments: part.input,
          result: `Error: ${part.error instanceof Error ? part.error.message : String(part.error)}`,
        })
      }
    }
  }
  return executions
}

/** Builds the task outputs from a finished `generateText` run and the LLM calls the tracing middleware timed. */
export function agentOutputs(
  result: GenerateTextResult<ToolSet, OutputInterface>,
  calls: readonly LlmCallRecord[],
  options: { json: boolean; outputFiles: Record<string, string> },
): AgentOutputs {
  const steps = result.steps
  const outputs: AgentOutputs = {
    tokenUsage: toTokenUsage(result.totalUsage),
    finishReason: toKestraFinishReason(result.finishReason),
    toolExecutions: toolExecutions(steps),
    intermediateResponses: steps.slice(0, -1).map((step, index) => ({
      id: step.response.id ?? null,
      completion: step.text,
      tokenUsage: toTokenUsage(step.usage),
      finishReason: toKestraFinishReason(step.finishReason),
      toolExecutionRequests: step.toolCalls.map((call) => ({
        id: call.toolCallId,
        name: call.toolName,
        arguments: call.input,
      })),
      requestDuration: calls[index]?.durationMs ?? null,
    })),
    requestDuration: calls.at(-1)?.durationMs ?? null,
  }
  if (options.json) outputs.jsonOutput = result.output
  else outputs.textOutput = result.text
  if (Object.keys(options.outputFiles).length > 0) outputs.outputFiles = options.outputFiles
  return outputs
}
