import type { Limits } from '../../sandbox/types.ts'
import { type CodeRunResult, capturedText } from './code-execution-result.ts'
import type { CodeExecutor } from './code-executor-local.ts'
import { AiConfigurationError } from './errors.ts'
import type { ToolServices } from './types.ts'

/** Judge0 CE hosted on RapidAPI, which Kestra's CodeExecution calls when given only an `apiKey`. */
export const RAPIDAPI_JUDGE0_HOST = 'judge0-ce.p.rapidapi.com'
/** Judge0 CE's id for JavaScript (Node.js), the only language Kestra's hosted path uses. */
const RAPIDAPI_JAVASCRIPT_ID = 102

/** Options of the Judge0 executor, from the CodeExecution props. */
export interface Judge0ExecutorOptions {
  /** A Judge0-compatible server (a Verity server's `/judge0` included); absent means Judge0 CE on RapidAPI. */
  baseUrl?: string
  apiKey?: string
  languages?: string[]
  limits?: Partial<Limits>
}

interface Judge0Language {
  id: number
  name: string
}

/**
 * Runs programs on a Judge0-compatible server. With a `baseUrl` it offers the server's languages (`GET /languages`,
 * filtered by `languages` prefixes such as `python`) and authenticates with `X-Auth-Token`; with only an API key it
 * calls Judge0 CE on RapidAPI exactly as Kestra does (JavaScript, language 102, base64, `wait=true`).
 */
export async function judge0Executor(
  services: ToolServices,
  options: Judge0ExecutorOptions,
): Promise<CodeExecutor> {
  const hosted = options.baseUrl === undefined
  if (hosted && options.apiKey === undefined) {
    throw new AiConfigurationError(
      `${services.label}: the judge0 executor needs a baseUrl or a RapidAPI apiKey`,
    )
  }
  const base = (options.baseUrl ?? `https://${RAPIDAPI_JUDGE0_HOST}`).replace(/\/+$/, '')
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (hosted) {
    headers['X-RapidAPI-Key'] = options.apiKey as string
    headers['X-RapidAPI-Host'] = RAPIDAPI_JUDGE0_HOST
  } else if (options.apiKey !== undefined) {
    headers['X-Auth-Token'] = options.apiKey
  }
  const available = hosted
    ? [{ id: RAPIDAPI_JAVASCRIPT_ID, name: 'JavaScript (Node.js)' }]
    : await listLanguages(services, base, headers)
  const offered = available.filter(
    (language) =>
      options.languages?.some((prefix) => language.name.toLowerCase().startsWith(prefix.toLowerCase())) ??
      true,
  )
  if (offered.length === 0) {
    throw new AiConfigurationError(
      `${services.label}.languages: none of ${options.languages?.join(', ')} is offered by ${base}`,
    )
  }
  const byLabel = new Map(offered.map((language) => [hosted ? 'javascript' : language.name, language]))
  return {
    kind: 'judge0',
    where: `on the Judge0 server ${hosted ? 'Judge0 CE (RapidAPI)' : base}`,
    languages: [...byLabel].map(([id, language]) => ({ id, label: language.name })),
    async run(request, signal) {
      const language = byLabel.get(request.language)
      if (language === undefined) throw new Error(`unknown language "${request.language}"`)
      const body: Record<string, unknown> = { language_id: language.id, source_code: base64(request.code) }
      if (request.stdin) body.stdin = base64(request.stdin)
      if (options.limits?.cpuTime !== undefined) body.cpu_time_limit = options.limits.cpuTime
      if (options.limits?.wallTime !== undefined) body.wall_time_limit = options.limits.wallTime
      if (options.limits?.memory !== undefined) body.memory_limit = options.limits.memory
      const response = await fetch(`${base}/submissions?base64_encoded=true&wait=true&fields=*`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal,
      }).catch((error: unknown) => {
        throw services.fatal(
          new AiConfigurationError(`${services.label}: Judge0 server ${base} unreachable: ${error}`),
        )
      })
      const text = await response.text()
      if (!response.ok) {
        const error = new AiConfigurationError(
          `${services.label}: Judge0 server ${base} answered HTTP ${response.status}: ${text.slice(0, 300)}`,
        )
        // A rate limit or an outage may pass; a rejected key or request will not, so it ends the run.
        if (response.status === 429 || response.status >= 500) throw error
        throw services.fatal(error)
      }
      return fromSubmission(JSON.parse(text) as Submission)
    },
  }
}

async function listLanguages(services: ToolServices, base: string, headers: Record<string, string>) {
  const response = await fetch(`${base}/languages`, { headers, signal: services.ctx.signal }).catch(
    (error: unknown) => {
      throw new AiConfigurationError(`${services.label}: Judge0 server ${base} unreachable: ${error}`)
    },
  )
  if (!response.ok) {
    throw new AiConfigurationError(
      `${services.label}: Judge0 server ${base} answered HTTP ${response.status} to GET /languages`,
    )
  }
  return (await response.json()) as Judge0Language[]
}

interface Submission {
  stdout?: string | null
  stderr?: string | null
  compile_output?: string | null
  message?: string | null
  status?: { id: number; description: string }
  exit_code?: number | null
  time?: string | number | null
  memory?: number | null
}

function fromSubmission(submission: Submission): CodeRunResult {
  const stdout = capturedText(decodeBase64(submission.stdout))
  const stderr = capturedText(decodeBase64(submission.stderr))
  const compile = submission.compile_output
    ? capturedText(decodeBase64(submission.compile_output))
    : undefined
  const message = decodeBase64(submission.message)
  return {
    status: submission.status?.description ?? 'Unknown',
    statusId: submission.status?.id ?? 0,
    exitCode: submission.exit_code ?? null,
    stdout: stdout.text,
    stderr: stderr.text,
    stdoutTruncated: stdout.truncated,
    stderrTruncated: stderr.truncated,
    ...(compile ? { compileOutput: compile.text, compileOutputTruncated: compile.truncated } : {}),
    ...(message ? { message } : {}),
    time: submission.time == null ? null : Number(submission.time),
    memory: submission.memory ?? null,
  }
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

function decodeBase64(value: string | null | undefined): string {
  return value ? Buffer.from(value, 'base64').toString('utf8') : ''
}
