import type { FinishReason } from 'ai'

/** Kestra's (langchain4j's) finish reasons, as the AIAgent outputs name them. */
export type KestraFinishReason = 'STOP' | 'LENGTH' | 'TOOL_EXECUTION' | 'CONTENT_FILTER' | 'OTHER'

/** Maps the AI SDK's finish reason to Kestra's. */
export function toKestraFinishReason(reason: FinishReason | undefined): KestraFinishReason {
  switch (reason) {
    case 'stop':
      return 'STOP'
    case 'length':
      return 'LENGTH'
    case 'tool-calls':
      return 'TOOL_EXECUTION'
    case 'content-filter':
      return 'CONTENT_FILTER'
    default:
      return 'OTHER'
  }
}
