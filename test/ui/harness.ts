import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { seedModel } from '../ai/seed-model.ts'
import { startFakeGemini } from '../fakes/gemini.ts'
import type { FakeLlm } from '../fakes/llm-script.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Debian's Chromium (installed by scripts/setup): no browser download. */
export const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Where the tests write the README's screenshots. */
export const SCREENSHOTS = join(root, 'docs/screenshots')

/** The newest modification time under `path` (a file or a directory tree). */
function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

/**
 * Builds ui/dist when it is missing or older than the UI sources (as scripts/setup does), so the browser tests
 * never test a stale build. An atomic `mkdir` lock keeps two test files from building into the same folder.
 */
async function ensureUiBuilt(): Promise<void> {
  const ui = join(root, 'ui')
  const index = join(ui, 'dist/index.html')
  const stale = () =>
    !existsSync(index) ||
    Math.max(newest(join(ui, 'src')), newest(join(ui, 'index.html')), newest(join(ui, 'vite.config.ts'))) >
      statSync(index).mtimeMs
  const lock = join(ui, '.build-lock')
  for (let waited = 0; stale(); waited += 200) {
    try {
      mkdirSync(lock)
    } catch {
      if (waited > 120_000)
        throw new Error(`ui/dist build lock ${lock} held for 2 minutes: remove it if stale`)
      await new Promise((resolve) => setTimeout(resolve, 200))
      continue
    }
    try {
      if (!stale()) return
      // Run by this Node (24), not whatever `node` the vite shim's shebang would find on PATH.
      const vite = join(root, 'node_modules/vite/bin/vite.js')
      const built = spawnSync(process.execPath, [vite, 'build', ui, '--logLevel', 'error'], {
        encoding: 'utf8',
      })
      if (built.status !== 0) throw new Error(`vite build ui failed:\n${built.stdout}${built.stderr}`)
    } finally {
      rmSync(lock, { recursive: true, force: true })
    }
  }
}

/** A real `verity server` (its own data dir, the seed examples loaded, a fake Gemini) and a browser on it. */
export interface UiHarness {
  url: string
  page: Page
  browser: Browser
  gemini: FakeLlm
  /** Calls the REST API directly (setup steps that are not what a test is about). */
  api(path: string, init?: RequestInit): Promise<Response>
  screenshot(name: string): Promise<void>
  close(): Promise<void>
}

/** Starts `verity server --port 0` as a child process and resolves with its URL once it listens. */
function startServer(config: string, cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(root, 'src/cli/main.ts'), '--config', config, 'server', '--port', '0'],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`verity server did not start:\n${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve({ child, url })
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`verity server exited with ${code}:\n${output}`))
    })
  })
}

/**
 * Opens the harness: fake Gemini playing the seed model, a temp dir with `verity.yaml` (the Gemini provider's
 * `baseUrl` and CodeExecution's local executor forced through pluginDefaults, as the seed e2e does), the server,
 * and Chromium at laptop size. `auth` adds `server.auth` to the config.
 */
export async function openUi(options: { auth?: string[] } = {}): Promise<UiHarness> {
  await ensureUiBuilt()
  const gemini = await startFakeGemini(Array.from({ length: 20 }, () => seedModel))
  const directory = mkdtempSync(join(tmpdir(), 'verity-ui-'))
  const config = join(directory, 'verity.yaml')
  writeFileSync(
    config,
    [
      'dataDir: ./data',
      ...(options.auth ?? []),
      'pluginDefaults:',
      '  - type: io.kestra.plugin.ai.provider.GoogleGemini',
      '    forced: true',
      '    values:',
      `      baseUrl: ${gemini.url}/v1beta`,
      '  - type: io.kestra.plugin.ai.tool.CodeExecution',
      '    forced: true',
      '    values:',
      '      executor: local',
      '',
    ].join('\n'),
  )
  let child: ChildProcess | undefined
  let browser: Browser | undefined
  try {
    const started = await startServer(config, directory)
    child = started.child
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, colorScheme: 'light' })
    const { url } = started
    mkdirSync(SCREENSHOTS, { recursive: true })
    const opened = { child, browser }
    return {
      url,
      page,
      browser,
      gemini,
      api: (path, init) => fetch(`${url}${path}`, init),
      screenshot: async (name) => {
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
      },
      async close() {
        await opened.browser.close()
        await stop(opened.child)
        await gemini.close()
        rmSync(directory, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await browser?.close()
    if (child) await stop(child)
    await gemini.close()
    rmSync(directory, { recursive: true, force: true })
    throw error
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
