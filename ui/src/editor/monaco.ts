/**
 * Monaco, bundled locally (no CDN): the editor API, the few tokenizers the UI shows (YAML for flows; the
 * languages agents write code in, for highlighting), ESM workers through Vite's `?worker`, and monaco-yaml driven
 * by the flow language's JSON Schema from the server. Loaded lazily: only the editor and the agent view pay for it.
 */
// The editor's contributions (suggest, hover, find, folding…): editor.api alone is the bare API.
import 'monaco-editor/esm/vs/editor/edcore.main'
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker'
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution'
import 'monaco-editor/esm/vs/basic-languages/javascript/javascript.contribution'
import 'monaco-editor/esm/vs/basic-languages/typescript/typescript.contribution'
import 'monaco-editor/esm/vs/basic-languages/python/python.contribution'
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution'
import 'monaco-editor/esm/vs/basic-languages/cpp/cpp.contribution'
import 'monaco-editor/esm/vs/basic-languages/java/java.contribution'
import 'monaco-editor/esm/vs/basic-languages/go/go.contribution'
import 'monaco-editor/esm/vs/basic-languages/rust/rust.contribution'
import 'monaco-editor/esm/vs/basic-languages/ruby/ruby.contribution'
import 'monaco-editor/esm/vs/basic-languages/csharp/csharp.contribution'
import 'monaco-editor/esm/vs/basic-languages/php/php.contribution'
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml'
import { api } from '../lib/api.ts'
import YamlWorker from './yaml.worker.ts?worker'

window.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker()
  },
}

/** The model URI every flow editor uses, so the schema below applies to it. */
export const FLOW_MODEL_PREFIX = 'file:///flows/'

let schemaLoaded: Promise<void> | undefined

/** Fetches the flow JSON Schema once and gives it to monaco-yaml (completion, hover, validation). */
export function loadFlowSchema(): Promise<void> {
  schemaLoaded ??= api<JSONSchema>('plugins/schemas/flow').then((schema) => {
    configureMonacoYaml(monaco, {
      enableSchemaRequest: false,
      hover: true,
      completion: true,
      validate: true,
      schemas: [
        {
          uri: `${window.location.origin}/api/v1/main/plugins/schemas/flow`,
          fileMatch: ['**/flows/*.yaml'],
          schema,
        },
      ],
    })
  })
  return schemaLoaded
}

/** Monaco's theme for the page's current colour scheme. */
export function monacoTheme(): string {
  const forced = document.documentElement.getAttribute('data-theme')
  const dark = forced ? forced === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches
  return dark ? 'vs-dark' : 'vs'
}

// Monaco's token colours are global CSS: following the page's scheme recolours editors and highlighted code alike.
monaco.editor.setTheme(monacoTheme())
window
  .matchMedia('(prefers-color-scheme: dark)')
  .addEventListener('change', () => monaco.editor.setTheme(monacoTheme()))
new MutationObserver(() => monaco.editor.setTheme(monacoTheme())).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
})

/** Sandbox language ids (`python3`, `javascript`, `c++`…) → Monaco's tokenizer ids. */
export function monacoLanguage(language: string): string {
  const id = language.toLowerCase()
  if (id.startsWith('python')) return 'python'
  if (id.startsWith('node') || id === 'js' || id.startsWith('javascript')) return 'javascript'
  if (id.startsWith('typescript') || id === 'ts') return 'typescript'
  if (['bash', 'sh', 'shell'].includes(id)) return 'shell'
  if (['c', 'cpp', 'c++', 'gcc', 'g++'].some((name) => id === name || id.startsWith(`${name}-`))) return 'cpp'
  if (id.startsWith('java') && !id.startsWith('javascript')) return 'java'
  if (id.startsWith('go')) return 'go'
  if (id.startsWith('rust')) return 'rust'
  if (id.startsWith('ruby')) return 'ruby'
  if (id.startsWith('csharp') || id === 'c#') return 'csharp'
  if (id.startsWith('php')) return 'php'
  return 'plaintext'
}

export { monaco }
