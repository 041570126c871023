import type { ExecutionRecord, LogRecord, TaskRunRecord } from '../store/types.ts'

/**
 * What `verity run` shows on stderr: every log line as `time task level message`, and on a terminal a progress
 * line (state, task runs done/total, running tasks, elapsed time) redrawn under the logs.
 */
export class ProgressLine {
  readonly #stream: NodeJS.WriteStream
  readonly #tty: boolean
  readonly #taskRuns = new Map<string, TaskRunRecord>()
  #state = 'CREATED'
  #start = Date.now()
  #shown = false
  #timer: NodeJS.Timeout | undefined
  #drawnAt = 0

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream
    this.#tty = Boolean(stream.isTTY)
    if (this.#tty) {
      this.#timer = setInterval(() => this.#draw(), 250)
      this.#timer.unref()
    }
  }

  execution(execution: ExecutionRecord): void {
    if (!execution.parentExecutionId) {
      this.#state = execution.state.current
      this.#start = Date.parse(execution.state.startDate)
    }
    this.#draw()
  }

  taskRun(taskRun: TaskRunRecord): void {
    this.#taskRuns.set(taskRun.id, taskRun)
    // Big flows send thousands of events a second: redraw at most every 100 ms (the timer does the rest).
    if (Date.now() - this.#drawnAt > 100) this.#draw()
  }

  log(log: LogRecord): void {
    const time = log.timestamp.slice(11, 23)
    this.#write(`${time} ${log.taskId ?? '-'} ${log.level} ${log.message}\n`)
  }

  note(message: string): void {
    this.#write(`${message}\n`)
  }

  /** Clears the progress line and prints the summary. */
  done(execution: ExecutionRecord, taskRuns: TaskRunRecord[]): void {
    clearInterval(this.#timer)
    this.#clear()
    const seconds = (
      (Date.parse(execution.state.endDate ?? '') - Date.parse(execution.state.startDate)) /
      1000
    ).toFixed(2)
    const failed = taskRuns.filter((run) => run.state.current === 'FAILED').map((run) => run.taskId)
    const tail = failed.length > 0 ? ` (failed: ${failed.join(', ')})` : ''
    this.#stream.write(`Execution ${execution.id} ${execution.state.current} in ${seconds}s${tail}\n`)
  }

  #write(text: string): void {
    this.#clear()
    this.#stream.write(text)
    this.#draw()
  }

  #clear(): void {
    if (this.#tty && this.#shown) this.#stream.write('\r\x1b[2K')
    this.#shown = false
  }

  #draw(): void {
    if (!this.#tty) return
    const runs = [...this.#taskRuns.values()]
    const done = runs.filter((run) => run.state.endDate !== undefined).length
    const running = runs.filter((run) => run.state.current === 'RUNNING').map((run) => run.taskId)
    const elapsed = ((Date.now() - this.#start) / 1000).toFixed(1)
    const names =
      running.length > 0
        ? ` · running: ${running.slice(0, 3).join(', ')}${running.length > 3 ? '…' : ''}`
        : ''
    const line = `${this.#state} · ${done}/${runs.length} task runs${names} · ${elapsed}s`
    this.#stream.write(`\r\x1b[2K${line.slice(0, (this.#stream.columns || 100) - 1)}`)
    this.#shown = true
    this.#drawnAt = Date.now()
  }
}
