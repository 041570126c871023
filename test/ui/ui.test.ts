import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { openUi, type UiHarness } from './harness.ts'

/** The flow the test writes in the editor: inputs (a SELECT, an optional FILE), a log, a pause, a loop and flow outputs. */
const FLOW = `id: ui_demo
namespace: company.team
description: Written in the browser by the UI test.
inputs:
  - id: name
    type: STRING
  - id: mood
    type: SELECT
    values: [calm, cheerful]
    defaults: calm
  - id: notes
    type: FILE
    required: false
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "Hello {{ inputs.name }}, feeling {{ inputs.mood }}"
  - id: pause
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT2S
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: ["a", "b"]
    tasks:
      - id: item
        type: io.kestra.plugin.core.log.Log
        message: "item {{ taskrun.value }}"
  - id: result
    type: io.kestra.plugin.core.output.OutputValues
    values:
      greeting: "Hello {{ inputs.name }}"
outputs:
  - id: greeting
    type: STRING
    value: "{{ outputs.result.values.greeting }}"
`

/** Replaces the editor's text by pasting (typing would re-indent YAML as Monaco auto-indents). */
async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('Control+a')
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`)
  await page.keyboard.press('Control+v')
}

const stateOf = (page: Page) => page.locator('.page-header [data-state]').first()

/**
 * The web UI in a real browser against a real `verity server`: write a flow in the editor (completion, an
 * underlined error), save it, run it with inputs, watch its logs arrive live, open the Gantt and the outputs, then
 * run the seed agent (fake Gemini, real sandbox) and read its code and output in the agent view. Writes the
 * README's screenshots to docs/screenshots/.
 */
describe('web UI in Chromium', { timeout: 240_000 }, () => {
  let ui: UiHarness
  const problems: string[] = []

  before(async () => {
    ui = await openUi()
    await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    ui.page.on('pageerror', (error) => problems.push(String(error)))
    ui.page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
  })
  after(async () => {
    await ui?.close()
  })

  it('lists the seeded flows and finds one by search', async () => {
    const { page } = ui
    await page.goto(`${ui.url}/`)
    await page.getByRole('link', { name: 'calculator_agent' }).waitFor()
    await ui.screenshot('flows')
    await page.getByLabel('Search flows').fill('sha256')
    await page.getByRole('link', { name: 'calculator_agent' }).waitFor({ state: 'detached' })
    assert.equal(await page.getByRole('link', { name: 'sha256_comparison' }).count(), 1)
    assert.equal(await page.getByRole('link', { name: 'hello' }).count(), 0)
  })

  it('writes a flow: schema completion appears, an error is underlined, each save is a revision', async () => {
    const { page } = ui
    await page.getByRole('button', { name: 'New flow' }).click()
    await page.locator('[data-testid="yaml-editor"][data-schema="ready"] .monaco-editor').waitFor()

    // Completion from the flow JSON Schema: a Log task's properties, by prefix.
    const head = FLOW.slice(0, FLOW.indexOf('    message: "Hello'))
    const suggestions = page.locator('.suggest-widget.visible .monaco-list-row')
    // The YAML worker may still be loading the schema on the first request, and then Monaco shows nothing for
    // that request; as a user would, ask again (a bounded number of times).
    for (let attempt = 1; ; attempt++) {
      await setEditorText(page, `${head}    lev`)
      await page.keyboard.press('Control+Space')
      const shown = await suggestions
        .first()
        .waitFor({ timeout: 6_000 })
        .then(() => true)
        .catch(() => false)
      if (shown) break
      if (attempt === 5) assert.fail('no completion appeared after 5 requests')
      await page.keyboard.press('Escape')
    }
    assert.ok((await suggestions.allInnerTexts()).some((text) => text.includes('level')))
    await suggestions.filter({ hasText: 'level' }).first().waitFor()
    await ui.screenshot('editor-completion')
    await page.keyboard.press('Escape')

    // A misspelt task type: the server's validation underlines it and names the line.
    await setEditorText(
      page,
      FLOW.replace('core.log.Log\n    message: "Hello', 'core.log.Lgo\n    message: "Hello'),
    )
    await page
      .getByTestId('validation')
      .getByText(/unknown task type/)
      .waitFor()
    assert.match(
      (await page.getByTestId('validation').textContent()) ?? '',
      /line 16: unknown task type 'io\.kestra\.plugin\.core\.log\.Lgo'/,
    )
    await page.locator('.monaco-editor .squiggly-error').first().waitFor()
    await ui.screenshot('editor-error')

    await setEditorText(page, FLOW)
    await page.getByTestId('validation').getByText('No problems').waitFor()
    await page.locator('.react-flow__node', { hasText: 'item' }).waitFor()
    await ui.screenshot('editor')
    await page.getByRole('button', { name: 'Save flow' }).click()
    await page.waitForURL(/\/flows\/company\.team\/ui_demo$/)
    await page.getByText('revision 1').waitFor()
    const stored = (await (await ui.api('/api/v1/main/flows/company.team/ui_demo')).json()) as {
      revision: number
    }
    assert.equal(stored.revision, 1)

    // Saving again (Ctrl+S) makes revision 2; the Revisions tab shows both sources.
    await page.locator('.monaco-editor').waitFor()
    await setEditorText(page, FLOW.replace('Written in the browser', 'Edited in the browser'))
    // Chromium pastes asynchronously (it reads the clipboard first): a Ctrl+S pressed before the paste lands
    // would save the unchanged text. The page shows the edit arrived by offering to save it.
    await page.locator('button.primary:enabled', { hasText: 'Save revision' }).waitFor()
    await page.keyboard.press('Control+s') // Ctrl+S in the editor saves, as the button does
    await page
      .getByText('revision 2')
      .waitFor()
      .catch(async (error: Error) => {
        const state = await page.evaluate(`({
          active: document.activeElement?.tagName + '.' + document.activeElement?.className,
          header: document.querySelector('.page-header')?.textContent,
          button: document.querySelector('button.primary')?.disabled,
          banner: document.querySelector('.error-banner, [role="alert"]')?.textContent,
          lines: document.querySelector('.monaco-editor .view-lines')?.textContent?.slice(0, 200),
          editors: document.querySelectorAll('.monaco-editor').length,
        })`)
        const stored = (await (await ui.api('/api/v1/main/flows/company.team/ui_demo')).json()) as {
          revision: number
        }
        throw new Error(`${error.message}\n${JSON.stringify(state)}\nstored revision ${stored.revision}`)
      })
    await page.getByRole('button', { name: 'Revisions' }).click()
    await page.getByRole('button', { name: 'Revision 1' }).click()
    await page
      .getByTestId('revision-source')
      .getByText(/Written in the browser/)
      .waitFor()
    await page.getByRole('button', { name: 'Revision 2' }).click()
    await page
      .getByTestId('revision-source')
      .getByText(/Edited in the browser/)
      .waitFor()
  })

  it('runs it with inputs from the generated form and shows logs live, the Gantt and the outputs', async () => {
    const { page } = ui
    await page.getByRole('button', { name: 'Run' }).click()
    const form = page.getByTestId('run-form')
    await form.getByLabel('name').fill('Ada')
    await form.getByLabel('mood').selectOption('cheerful')
    await form.getByLabel('notes').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('remember the milk'),
    })
    await form.getByRole('button', { name: 'Run' }).click()
    await page.waitForURL(/\/executions\/[^/?]+/)

    await page.getByRole('button', { name: 'Logs' }).click()
    await page.getByTestId('logs').getByText('Hello Ada, feeling cheerful').waitFor()
    // The first line arrived while the flow still sleeps: the stream is live, not a page of finished logs.
    assert.equal(await stateOf(page).getAttribute('data-state'), 'RUNNING')
    await page.locator('.page-header [data-state="SUCCESS"]').waitFor({ timeout: 30_000 })
    await page.getByTestId('logs').getByText('item b').waitFor()
    await ui.screenshot('execution-logs')

    // A log line links to its task run in the Gantt.
    await page.getByTestId('logs').getByRole('button', { name: 'item' }).first().click()
    await page.getByTestId('task-run-detail').waitFor()
    const rows = await page.getByTestId('gantt').locator('.gantt-row').allInnerTexts()
    for (const label of ['hello', 'pause', 'each', 'item [a]', 'item [b]', 'result']) {
      assert.ok(
        rows.some((row) => row.startsWith(label)),
        `${label} in the Gantt: ${rows.join(' | ')}`,
      )
    }
    await ui.screenshot('execution-gantt')

    await page.getByRole('button', { name: 'Outputs' }).click()
    await page.getByTestId('outputs').getByText('"Hello Ada"').first().waitFor()
    // The file went up as multipart and is stored with the execution: its input is the stored file's URI.
    await page
      .getByTestId('outputs')
      .getByText(/notes\.txt/)
      .waitFor()
    await ui.screenshot('execution-outputs')

    await page.getByRole('button', { name: 'Topology' }).click()
    await page.getByTestId('execution-topology').locator('.react-flow__node', { hasText: 'pause' }).waitFor()
    await ui.screenshot('execution-topology')
  })

  it('shows an agent execution: its LLM turns, the code it ran and the output', async () => {
    const { page } = ui
    for (const key of ['GEMINI_API_KEY', 'RAPID_API_KEY']) {
      const response = await ui.api(`/api/v1/main/namespaces/company.ai/kv/${key}`, {
        method: 'PUT',
        body: 'fake-key',
      })
      assert.equal(response.status, 200)
    }
    await page.goto(`${ui.url}/flows/company.ai/calculator_agent?tab=run`)
    await page.getByTestId('run-form').getByRole('button', { name: 'Run' }).click()
    await page.waitForURL(/\/executions\//)
    await page.locator('.page-header [data-state="SUCCESS"]').waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: /^Agent/ }).click()
    const agent = page.getByTestId('agent-view')
    await agent.getByTestId('code').getByText('Math.sqrt(1764)').waitFor()
    assert.equal(((await agent.getByTestId('stdout').textContent()) ?? '').trim(), '42')
    assert.match((await agent.getByTestId('code-run').textContent()) ?? '', /Accepted/)
    assert.match((await agent.getByTestId('prompt').first().textContent()) ?? '', /square root of 1764/)
    await agent.getByTestId('answer').getByText('The square root of 1764 is 42.').waitFor()
    // Highlighted by Monaco's tokenizer, not plain text.
    await agent.getByTestId('code').locator('span[class^="mtk"]').first().waitFor()
    await ui.screenshot('execution-agent')

    await page.emulateMedia({ colorScheme: 'dark' })
    await ui.screenshot('execution-agent-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('shows each attempt of a retried task in the Gantt, and restart is offered on failure', async () => {
    const { page } = ui
    const flow = [
      'id: flaky',
      'namespace: company.team',
      'tasks:',
      '  - id: boom',
      '    type: io.kestra.plugin.core.execution.Fail',
      '    retry:',
      '      type: constant',
      '      interval: PT0.1S',
      '      maxAttempt: 3',
      '',
    ].join('\n')
    const created = await ui.api('/api/v1/main/flows', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-yaml' },
      body: flow,
    })
    assert.equal(created.status, 200)
    await page.goto(`${ui.url}/flows/company.team/flaky?tab=run`)
    await page.getByTestId('run-form').getByRole('button', { name: 'Run' }).click()
    await page.locator('.page-header [data-state="FAILED"]').waitFor({ timeout: 30_000 })
    const row = page.getByTestId('gantt').locator('.gantt-row', { hasText: 'boom' })
    await row.getByText('×3').waitFor()
    assert.equal(await row.locator('.gantt-bar').count(), 3)
    await page.getByRole('button', { name: 'Restart' }).waitFor()
  })

  it('lists executions with a state filter and shows the KV page of a namespace', async () => {
    const { page } = ui
    await page.goto(`${ui.url}/executions`)
    await page.locator('tbody tr').nth(1).waitFor()
    await page.getByLabel('State').selectOption('SUCCESS')
    await page.getByText('calculator_agent').first().waitFor()
    await ui.screenshot('executions')

    await page.goto(`${ui.url}/kv/company.ai`)
    await page.getByText('GEMINI_API_KEY').waitFor()
    await ui.screenshot('kv')
    assert.deepEqual(problems, [])
  })
})
