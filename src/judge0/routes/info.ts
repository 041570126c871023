import { arch, cpus, freemem, type as osType, release, totalmem } from 'node:os'
import { Hono } from 'hono'
import { STATUSES } from '../../sandbox/types.ts'
import type { Judge0Service } from '../service.ts'

/** The Judge0 API version whose behaviour Verity reproduces (what `/version` reports to clients). */
export const JUDGE0_COMPATIBLE_VERSION = '1.13.1'

/** Configuration keys that are Verity's own or secret, hidden from `/config_info`. */
const HIDDEN_CONFIG = new Set(['enabled', 'authn_header', 'authn_token', 'authz_header', 'authz_token'])

/** `/languages…`, `/statuses`, `/config_info`, `/system_info`, `/about`, `/version`, `/isolate`, `/license`, `/statistics`, `/workers`. */
export function infoRoutes(service: Judge0Service, verityVersion: string): Hono {
  const app = new Hono()

  app.get('/languages', (context) =>
    context.json(service.languages.list().map((language) => ({ id: language.id, name: language.name }))),
  )
  app.get('/languages/all', (context) =>
    context.json(service.languages.list().map(({ id, name, is_archived }) => ({ id, name, is_archived }))),
  )
  app.get('/languages/:id', (context) => {
    const id = context.req.param('id')
    const language = /^\d+$/.test(id) ? service.languages.get(Number(id)) : undefined
    if (!language) return context.json({ error: 'not found' }, 404)
    const { name, is_archived, source_file, compile_cmd, run_cmd } = language
    return context.json({ id: language.id, name, is_archived, source_file, compile_cmd, run_cmd })
  })

  app.get('/statuses', (context) => context.json(Object.values(STATUSES)))

  app.get('/config_info', (context) =>
    context.json(
      Object.fromEntries(Object.entries(service.config).filter(([key]) => !HIDDEN_CONFIG.has(key))),
    ),
  )

  app.get('/system_info', (context) => {
    const processors = cpus()
    return context.json({
      Architecture: arch(),
      'CPU(s)': processors.length,
      'Model name': processors[0]?.model ?? 'unknown',
      Kernel: `${osType()} ${release()}`,
      Mem: `${Math.round(totalmem() / 1024 / 1024)} MiB`,
      'Mem free': `${Math.round(freemem() / 1024 / 1024)} MiB`,
    })
  })

  app.get('/about', (context) =>
    context.json({
      version: verityVersion,
      judge0_compatible_version: JUDGE0_COMPATIBLE_VERSION,
      homepage: 'https://github.com/verity-dev/verity',
      source_code: 'https://github.com/verity-dev/verity',
      maintainer: 'The Verity authors',
    }),
  )
  app.get('/version', (context) => context.text(JUDGE0_COMPATIBLE_VERSION))
  app.get('/isolate', (context) =>
    context.text(
      `Verity sandbox ${verityVersion}: bubblewrap namespaces, cgroups, rlimits and seccomp (no isolate)`,
    ),
  )
  app.get('/license', (context) =>
    context.text(
      'Verity is licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0\n',
    ),
  )

  app.get('/statistics', async (context) => {
    const now = new Date()
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    const day = 24 * 3600 * 1000
    const since = [today, new Date(today.getTime() - day), new Date(today.getTime() - 30 * day)]
    const statistics = await service.statistics(since.map((date) => date.toISOString()))
    const [todayCount = 0, sinceYesterday = 0, last30Days = 0] = statistics.createdSince
    const statusName = new Map<number, string>(
      Object.values(STATUSES).map((status) => [status.id, status.description]),
    )
    return context.json({
      now: now.toISOString(),
      submissions: {
        today: todayCount,
        yesterday: sinceYesterday - todayCount,
        last_30_days: last30Days,
        all_time: statistics.total,
      },
      languages: statistics.byLanguage.map(({ languageId, count }) => ({
        language: { id: languageId, name: service.languages.get(languageId)?.name ?? null },
        count,
      })),
      statuses: statistics.byStatus.map(({ statusId, count }) => ({
        status: { id: statusId, name: statusName.get(statusId) ?? 'Unknown' },
        count,
      })),
    })
  })

  app.get('/workers', async (context) => context.json([await service.workers()]))

  return app
}
