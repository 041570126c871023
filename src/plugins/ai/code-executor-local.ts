import type { ExecuteRequest, Limits } from '../../sandbox/types.ts'
import { type CodeRunResult, capturedText } from './code-execution-result.ts'
import { AiConfigurationError } from './errors.ts'
import type { ToolServices } from './types.ts'

/** A code executor: which languages it offers the model, and how it runs one program. */
export interface CodeExecutor {
  kind: 'local' | 'judge0'
  /** Where programs run, for the tool description: `in a local sandbox`, `on the Judge0 server at …`. */
  where: string
  languages: { id: string; label: string }[]
  run(
    request: { language: string; code: string; stdin?: string },
    signal: AbortSignal,
  ): Promise<CodeRunResult>
}

/**
 * Judge0's pseudo-languages (a binary to run, a zip of files, text echoed back) take no program text, so they are
 * offered to the model only when `languages` names them.
 */
const NOT_SOURCE_LANGUAGES = new Set(['executable', 'multifile', 'plaintext'])

/** Options of the local executor, from the CodeExecution props. */
export interface LocalExecutorOptions {
  languages?: string[]
  limits?: Partial<Limits>
  network: boolean
  outputFiles?: string[]
}

/** Runs programs in Verity's own sandbox, through `ctx.sandbox`, in every installed language (or those allowed). */
export async function localExecutor(
  services: ToolServices,
  options: LocalExecutorOptions,
): Promise<CodeExecutor> {
  const { ctx } = services
  const installed = await ctx.sandbox.languages()
  const unknown = (options.languages ?? []).filter((id) => !installed.some((language) => language.id === id))
  if (unknown.length > 0) {
    throw new AiConfigurationError(
      `${services.label}.languages: ${unknown.join(', ')} not installed here; installed: ` +
        installed.map((language) => language.id).join(', '),
    )
  }
  const offered = installed.filter(
    (language) => options.languages?.includes(language.id) ?? !NOT_SOURCE_LANGUAGES.has(language.id),
  )
  return {
    kind: 'local',
    where: 'in an isolated sandbox (no network unless enabled, fresh working directory each call)',
    languages: offered.map((language) => ({
      id: language.id,
      label: [language.name, language.version].filter(Boolean).join(' '),
    })),
    async run(request, signal) {
      const executeRequest: ExecuteRequest = {
        language: request.language,
        source: request.code,
        stdin: request.stdin,
        limits: options.limits,
        network: options.network,
        outputFiles: options.outputFiles,
        signal,
      }
      const result = await ctx.sandbox.execute(executeRequest).catch((error: unknown) => {
        throw services.fatal(error instanceof Error ? error : new Error(String(error)))
      })
      const stdout = capturedText(result.stdout.bytes, result.stdout.truncated)
      const stderr = capturedText(result.stderr.bytes, result.stderr.truncated)
      const compile =
        result.compileOutput && capturedText(result.compileOutput.bytes, result.compileOutput.truncated)
      const files: { name: string; truncated: boolean }[] = []
      for (const file of result.outputFiles) {
        services.addOutputFile(file.name, await ctx.putFile(file.name, file.bytes))
        files.push({ name: file.name, truncated: file.truncated })
      }
      return {
        status: result.status.description,
        statusId: result.status.id,
        exitCode: result.exitCode,
        stdout: stdout.text,
        stderr: stderr.text,
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
        ...(compile ? { compileOutput: compile.text, compileOutputTruncated: compile.truncated } : {}),
        ...(result.message ? { message: result.message } : {}),
        time: result.time,
        memory: result.memory,
        ...(files.length > 0 ? { outputFiles: files } : {}),
      }
    },
  }
}
