import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { hashPassword } from '../../src/server/api/index.ts'
import { openUi, type UiHarness } from './harness.ts'

const BASIC = `Basic ${Buffer.from('ada:lovelace').toString('base64')}`

/**
 * With `server.auth` on, the UI asks for credentials: a wrong password is refused with the server's message, the
 * right one opens the app, and the live stream of an execution (fetch-based SSE, credentials in a header) works.
 */
describe('web UI with auth on', { timeout: 120_000 }, () => {
  let ui: UiHarness

  before(async () => {
    ui = await openUi({
      auth: [
        'server:',
        '  auth:',
        '    users:',
        '      - username: ada',
        `        password: "${hashPassword('lovelace')}"`,
      ],
    })
  })
  after(async () => {
    await ui?.close()
  })

  it('shows the login page, refuses a wrong password, then signs in', async () => {
    const { page } = ui
    await page.goto(`${ui.url}/flows`)
    await page.getByRole('heading', { name: 'Sign in to Verity' }).waitFor()
    await page.getByLabel('Username').fill('ada')
    await page.getByLabel('Password or token').fill('wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page
      .getByRole('alert')
      .getByText(/authentication required/)
      .waitFor()

    await page.getByLabel('Password or token').fill('lovelace')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'hello' }).waitFor()
    await page.getByRole('button', { name: 'Sign out ada' }).waitFor()
  })

  it('follows an execution live with the credentials', async () => {
    const started = await ui.api('/api/v1/main/executions/company.team/hello', {
      method: 'POST',
      headers: { Authorization: BASIC, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Grace' }),
    })
    assert.equal(started.status, 200)
    const { id } = (await started.json()) as { id: string }
    const { page } = ui
    await page.goto(`${ui.url}/executions/${id}?tab=logs`)
    await page.getByTestId('logs').getByText('Bonjour Grace').waitFor({ timeout: 30_000 })
    await page.locator('.page-header [data-state="SUCCESS"]').waitFor({ timeout: 30_000 })
  })
})
