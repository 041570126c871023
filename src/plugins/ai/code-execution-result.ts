/** What the model gets back from one code run, whichever executor ran it. */
export interface CodeRunResult {
  /** Judge0's status description, e.g. `Accepted`, `Runtime Error (NZEC)`, `Time Limit Exceeded`. */
  status: string
  statusId: number
  exitCode: number | null
  stdout: string
  stderr: string
  compileOutput?: string
  /** True when the output was cut: by the sandbox's output limit or before being handed to the model. */
  stdoutTruncated: boolean
  stderrTruncated: boolean
  compileOutputTruncated?: boolean
  /** Detail from the executor, e.g. `memory limit of 262144 KB exceeded`. */
  message?: string
  /** CPU seconds. */
  time: number | null
  /** Peak memory, KB. */
  memory: number | null
  /** Files brought back (`outputFiles`), stored as task output files. */
  outputFiles?: { name: string; truncated: boolean }[]
}

/** The most text of one stream handed to the model; more would flood its context for no benefit. */
export const MAX_TEXT_FOR_MODEL = 20_000

const decoder = new TextDecoder()

/** Decodes captured bytes and caps them for the model, reporting any cut. */
export function capturedText(
  bytes: Uint8Array | string | null | undefined,
  alreadyTruncated = false,
): { text: string; truncated: boolean } {
  const text = bytes == null ? '' : typeof bytes === 'string' ? bytes : decoder.decode(bytes)
  if (text.length <= MAX_TEXT_FOR_MODEL) return { text, truncated: alreadyTruncated }
  return { text: text.slice(0, MAX_TEXT_FOR_MODEL), truncated: true }
}

/** The tool's description: what it returns and which languages it runs, so the model picks a valid one. */
export function codeToolDescription(languages: { id: string; label: string }[], where: string): string {
  return [
    `Runs a program ${where} and returns its stdout, stderr, compile output, status, exit code, CPU time and memory.`,
    'Use it for every computation (arithmetic, hashes, statistics, dates, parsing): print the results to stdout.',
    'If the program fails, read stderr/compileOutput, fix the code and call the tool again.',
    `Languages: ${languages.map((language) => `${language.id} (${language.label})`).join(', ')}.`,
  ].join(' ')
}
