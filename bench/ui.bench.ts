/**
 * `npm run bench:ui`: the web UI's first load of the flows page from a warm `verity server` (a fresh browser
 * context each time: no HTTP cache, as a first visit), next to a baseline navigation to a tiny JSON route on the
 * same server in the same run, and the bundle size (gzip) of what that page loads and of the whole build.
 * Goal (issue 6): first load < 1 s.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { UI_DIST } from '../src/server/ui-static.ts'
import { openUi } from '../test/ui/harness.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}

const ui = await openUi()
try {
  // Warm the server: its asset cache (files read and gzipped once) and the flows query.
  await ui.page.goto(`${ui.url}/flows`)
  await ui.page.getByRole('link', { name: 'calculator_agent' }).waitFor()

  const measure = async (path: string, ready: (page: import('playwright-core').Page) => Promise<unknown>) => {
    const times: number[] = []
    const loaded = new Set<string>()
    for (let run = 0; run < RUNS; run++) {
      const context = await ui.browser.newContext({ viewport: { width: 1366, height: 860 } })
      const page = await context.newPage()
      page.on('response', (response) => loaded.add(new URL(response.url()).pathname))
      const started = performance.now()
      await page.goto(`${ui.url}${path}`)
      await ready(page)
      times.push(performance.now() - started)
      await context.close()
    }
    return { times, loaded }
  }
  const baseline = await measure('/api/v1/health', (page) => page.waitForLoadState('load'))
  const flows = await measure('/flows', (page) =>
    page.getByRole('link', { name: 'calculator_agent' }).waitFor(),
  )

  const gzipOf = (file: string) => gzipSync(readFileSync(join(UI_DIST, file))).byteLength
  const assets = readdirSync(join(UI_DIST, 'assets'))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => `assets/${name}`)
  const firstPage = [
    'index.html',
    ...[...flows.loaded].filter((path) => path.startsWith('/assets/')).map((path) => path.slice(1)),
  ]
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipOf(file), 0)
  const row = (name: string, times: number[]) =>
    `| ${name.padEnd(44)} | ${percentile(times, 50).toFixed(0).padStart(6)} | ${percentile(times, 95).toFixed(0).padStart(6)} |`

  console.log(`UI first load, ${RUNS} fresh browser contexts each (no HTTP cache), warm server\n`)
  console.log(`| ${'page'.padEnd(44)} | p50 ms | p95 ms |`)
  console.log(`|${'-'.repeat(46)}|--------|--------|`)
  console.log(row('baseline: GET /api/v1/health (tiny JSON)', baseline.times))
  console.log(row('flows page, until the seeded flows are listed', flows.times))
  console.log('\nBundle (gzip)\n')
  console.log(`| ${'what'.padEnd(44)} | size |`)
  console.log(`|${'-'.repeat(46)}|------|`)
  console.log(`| ${`flows page: ${firstPage.length} files`.padEnd(44)} | ${kb(sum(firstPage))} |`)
  const monaco = assets.filter((file) => file.includes('monaco'))
  console.log(`| ${'Monaco chunk (editor, agent code; lazy)'.padEnd(44)} | ${kb(sum(monaco))} |`)
  console.log(
    `| ${`whole build: ${assets.length} JS/CSS files (workers excluded)`.padEnd(44)} | ${kb(sum(assets))} |`,
  )
  const workers = readdirSync(join(UI_DIST, 'assets')).filter((name) => name.includes('worker'))
  console.log(
    `| ${'Monaco workers (editor + YAML; lazy)'.padEnd(44)} | ${kb(sum(workers.map((name) => `assets/${name}`)))} |`,
  )
} finally {
  await ui.close()
}
