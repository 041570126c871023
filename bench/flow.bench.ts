/**
 * Flow language benchmark: parse + validate a large flow, against the cost of plain YAML parsing measured in the
 * same run (the floor any YAML-based validator pays). Run with `npm run bench:flow`.
 */
import { performance } from 'node:perf_hooks'
import YAML from 'yaml'
import { parseFlow, parseYaml } from '../src/flow/index.ts'
import { testRegistry } from '../src/flow/testing/plugins.ts'

const BRANCHES = 250
const ROUNDS = 15

/** A flow of 1,000 tasks: If tasks each holding 3 Log tasks with templates, plus an agent with components. */
function bigFlow(): string {
  const lines = [
    'id: big',
    'namespace: bench.flow',
    'inputs:',
    '  - id: n',
    '    type: INT',
    '    defaults: 3',
    'tasks:',
  ]
  for (let branch = 0; branch < BRANCHES; branch++) {
    lines.push(
      `  - id: if_${branch}`,
      '    type: test.core.flow.If',
      `    condition: "{{ inputs.n > ${branch} }}"`,
    )
    lines.push('    then:')
    for (let leaf = 0; leaf < 3; leaf++) {
      lines.push(`      - id: log_${branch}_${leaf}`, '        type: test.core.log.Log')
      lines.push(`        message: "branch {{ inputs.n * ${leaf} }} of ${branch}"`, '        timeout: PT1M')
    }
  }
  return `${lines.join('\n')}\n`
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Median milliseconds of each step; rounds interleave the steps so machine load hits them alike. */
function measure(steps: Array<[string, () => unknown]>): Array<[string, number]> {
  const samples = steps.map(() => [] as number[])
  for (const [, run] of steps) run()
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, [, run]] of steps.entries()) {
      const start = performance.now()
      run()
      samples[index].push(performance.now() - start)
    }
  }
  return steps.map(([name], index) => [name, median(samples[index])])
}

const source = bigFlow()
const registry = testRegistry()
const tasks = BRANCHES * 4
const rows = measure([
  ['YAML.parse (baseline)', () => YAML.parse(source)],
  ['parseYaml (document + positions)', () => parseYaml(source, 'big.yaml')],
  ['parseFlow (parse + validate)', () => parseFlow(source, { file: 'big.yaml', registry })],
])
const baseline = rows[0][1]
console.log(`flow of ${tasks} tasks, ${Buffer.byteLength(source)} bytes, median of ${ROUNDS} runs`)
console.log(`${'step'.padEnd(34)} ${'ms'.padStart(8)} ${'µs/task'.padStart(9)} ${'× baseline'.padStart(11)}`)
for (const [name, milliseconds] of rows) {
  const perTask = (milliseconds * 1000) / tasks
  console.log(
    `${name.padEnd(34)} ${milliseconds.toFixed(1).padStart(8)} ${perTask.toFixed(1).padStart(9)} ${(milliseconds / baseline).toFixed(1).padStart(11)}`,
  )
}
