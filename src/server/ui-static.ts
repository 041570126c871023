/**
 * Serves the built web UI (`ui/dist`, made by `scripts/setup` or `npx vite build ui`) at `/`: hashed assets with
 * a year's cache, gzip when the browser accepts it (compressed once, kept in memory), and `index.html` for every
 * other GET that is not an API path, so the UI's own routes (`/flows/…`, `/executions/…`) survive a reload.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { Hono } from 'hono'

/** Where the build lands, relative to this file. */
export const UI_DIST = fileURLToPath(new URL('../../ui/dist/', import.meta.url))

/** Paths the UI never answers: they belong to the APIs (and 404 there as JSON). */
const RESERVED = /^\/(api|judge0|health|metrics)(\/|$)/

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/** Text types are worth compressing; fonts and images already are. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map'])

interface Asset {
  body: Uint8Array
  gzip?: Uint8Array
  type: string
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Verity</title>
<body style="font-family:system-ui;max-width:40em;margin:10vh auto;line-height:1.5">
<h1>The web UI is not built yet</h1>
<p>Build it once with <code>scripts/setup</code> (or <code>npx vite build ui</code>), then reload.
The REST API is up at <a href="/api/v1/openapi.json">/api/v1</a>.</p></body>`

/**
 * A Hono app serving `dist` (default `ui/dist`) with SPA fallback. Mount it last: `server.app.route('/', uiStatic())`.
 * Without a build, UI paths answer 503 with how to build it.
 */
export function uiStatic(dist: string = UI_DIST): Hono {
  const root = normalize(dist.endsWith(sep) ? dist : `${dist}${sep}`)
  const cache = new Map<string, Asset>()
  const load = (file: string): Asset | undefined => {
    const cached = cache.get(file)
    if (cached) return cached
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return undefined
    const body = readFileSync(file)
    const extension = extname(file)
    const asset: Asset = {
      body,
      type: TYPES[extension] ?? 'application/octet-stream',
      gzip: COMPRESSIBLE.has(extension) && body.byteLength > 1024 ? gzipSync(body) : undefined,
    }
    cache.set(file, asset)
    return asset
  }
  const app = new Hono()
  app.on(['GET', 'HEAD'], '*', async (context, next) => {
    const path = context.req.path
    if (RESERVED.test(path)) return next()
    let relative: string
    try {
      relative = decodeURIComponent(path)
    } catch {
      return next()
    }
    const requested = normalize(join(root, relative))
    const asset = (relative !== '/' && load(requested)) || load(join(root, 'index.html'))
    if (!asset) return context.html(NOT_BUILT, 503)
    const isIndex = asset === cache.get(join(root, 'index.html'))
    const gzip = asset.gzip && /\bgzip\b/.test(context.req.header('Accept-Encoding') ?? '')
    const headers: Record<string, string> = {
      'Content-Type': asset.type,
      // Vite names assets by content hash: they never change. index.html must be re-read to find new ones.
      'Cache-Control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
    }
    if (gzip) headers['Content-Encoding'] = 'gzip'
    if (context.req.method === 'HEAD') return context.body(null, 200, headers)
    const body = (gzip ? asset.gzip : asset.body) as Uint8Array<ArrayBuffer>
    return context.body(body, 200, headers)
  })
  return app
}
