import { useEffect, useRef, useState } from 'react'
import type { FieldError } from '../lib/types.ts'
import { FLOW_MODEL_PREFIX, loadFlowSchema, monaco, monacoTheme } from './monaco.ts'
import { validateFlow } from './validate.ts'

interface Props {
  /** Names the model (`file:///flows/<name>.yaml`) so the flow schema applies. */
  name: string
  value: string
  onChange(value: string): void
  /** Called with the server's validation errors after each pause in typing (and on a failed check). */
  onValidated(errors: FieldError[], failure?: Error): void
  /** Ctrl/Cmd+S in the editor, with the text as it is now (the last keystroke may not have re-rendered yet). */
  onSave(value: string): void
}

const VALIDATE_DELAY_MS = 400
const OWNER = 'verity'

/**
 * The flow YAML editor: Monaco with the flow JSON Schema (completion, hover) and inline markers from the server's
 * validate endpoint, re-checked after each pause in typing.
 */
export function YamlEditor({ name, value, onChange, onValidated, onSave }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor>(null)
  const [schemaReady, setSchemaReady] = useState(false)
  const callbacks = useRef({ onChange, onValidated, onSave })
  callbacks.current = { onChange, onValidated, onSave }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once per model name.
  useEffect(() => {
    if (!host.current) return
    loadFlowSchema().then(
      () => setSchemaReady(true),
      (error: Error) => callbacks.current.onValidated([], error),
    )
    const uri = monaco.Uri.parse(`${FLOW_MODEL_PREFIX}${name}.yaml`)
    monaco.editor.getModel(uri)?.dispose()
    const model = monaco.editor.createModel(value, 'yaml', uri)
    const instance = monaco.editor.create(host.current, {
      model,
      theme: monacoTheme(),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      quickSuggestions: { other: true, comments: false, strings: true },
    })
    editor.current = instance
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () =>
      callbacks.current.onSave(model.getValue()),
    )
    let timer: ReturnType<typeof setTimeout> | undefined
    let inflight: AbortController | undefined
    const check = () => {
      inflight?.abort()
      const controller = new AbortController()
      inflight = controller
      validateFlow(model.getValue(), controller.signal).then(
        (errors) => {
          if (controller.signal.aborted || model.isDisposed()) return
          monaco.editor.setModelMarkers(model, OWNER, errors.map(marker))
          callbacks.current.onValidated(errors)
        },
        (error: Error) => {
          if (!controller.signal.aborted) callbacks.current.onValidated([], error)
        },
      )
    }
    const subscription = model.onDidChangeContent(() => {
      callbacks.current.onChange(model.getValue())
      clearTimeout(timer)
      timer = setTimeout(check, VALIDATE_DELAY_MS)
    })
    check()
    return () => {
      clearTimeout(timer)
      inflight?.abort()
      subscription.dispose()
      instance.dispose()
      model.dispose()
    }
  }, [name])

  // An outside change (a revision loaded) replaces the text; typing does not come back through here.
  useEffect(() => {
    const model = editor.current?.getModel()
    if (model && model.getValue() !== value) model.setValue(value)
  }, [value])

  // `data-schema` tells (tests, and anyone inspecting) when completion from the flow schema is available.
  return (
    <div
      ref={host}
      style={{ height: '100%' }}
      data-testid="yaml-editor"
      data-schema={schemaReady ? 'ready' : 'loading'}
    />
  )
}

function marker(error: FieldError): monaco.editor.IMarkerData {
  const line = error.line ?? 1
  const column = error.column ?? 1
  return {
    severity: monaco.MarkerSeverity.Error,
    message: `${error.path}: ${error.message}`,
    startLineNumber: line,
    startColumn: column,
    endLineNumber: line,
    endColumn: column + 200,
  }
}
