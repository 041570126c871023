import { lazy, Suspense, useMemo, useRef, useState } from 'react'
import { parse } from 'yaml'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { ApiError, api } from '../lib/api.ts'
import type { FieldError, Flow, TaskDef } from '../lib/types.ts'
import { Topology } from './Topology.tsx'

const YamlEditor = lazy(() =>
  import('../editor/YamlEditor.tsx').then((module) => ({ default: module.YamlEditor })),
)

/** What a new flow starts with: small, valid, and showing inputs and a log. */
export const NEW_FLOW = `id: hello
namespace: company.team

inputs:
  - id: name
    type: STRING
    defaults: world

tasks:
  - id: greet
    type: io.kestra.plugin.core.log.Log
    message: Hello, {{ inputs.name }}!
`

/** The last text that parsed as YAML, for the topology (it keeps showing while the text is mid-edit). */
function useParsedTasks(source: string): { tasks?: TaskDef[]; errors?: TaskDef[]; finally?: TaskDef[] } {
  const last = useRef<{ tasks?: TaskDef[]; errors?: TaskDef[]; finally?: TaskDef[] }>({})
  return useMemo(() => {
    try {
      const value = parse(source) as { tasks?: TaskDef[]; errors?: TaskDef[]; finally?: TaskDef[] } | null
      if (value && typeof value === 'object') {
        const flow = {
          tasks: arrayOf(value.tasks),
          errors: arrayOf(value.errors),
          finally: arrayOf(value.finally),
        }
        last.current = flow
        return flow
      }
    } catch {
      // Mid-edit YAML: keep the last good topology.
    }
    return last.current
  }, [source])
}

function arrayOf(value: unknown): TaskDef[] | undefined {
  return Array.isArray(value)
    ? value.filter((task) => task && typeof task === 'object' && 'id' in task)
    : undefined
}

/**
 * The flow editor: Monaco with the schema and server validation on the left, the live topology on the right.
 * Saving creates the flow (POST) or a new revision (PUT); `onSaved` gets the stored flow.
 */
export function FlowEditor({ flow, onSaved }: { flow?: Flow; onSaved(flow: Flow): void }) {
  const [source, setSource] = useState(flow?.source ?? NEW_FLOW)
  const [problems, setProblems] = useState<FieldError[]>([])
  const [checkError, setCheckError] = useState<Error>()
  const [saveError, setSaveError] = useState<Error>()
  const [saving, setSaving] = useState(false)
  const graph = useParsedTasks(source)
  const dirty = source !== (flow?.source ?? NEW_FLOW)

  /** Saves `text`: the editor passes its current text, the button the rendered source. */
  const save = async (text: string = source) => {
    setSaving(true)
    setSaveError(undefined)
    try {
      const path = flow ? `flows/${flow.namespace}/${flow.id}` : 'flows'
      const saved = await api<Flow>(path, {
        method: flow ? 'PUT' : 'POST',
        body: text,
        headers: { 'Content-Type': 'application/x-yaml' },
      })
      onSaved(saved)
    } catch (error) {
      setSaveError(error as Error)
      if (error instanceof ApiError && error.errors.length) setProblems(error.errors)
    } finally {
      setSaving(false)
    }
  }

  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => save()}
          disabled={saving || (!dirty && !!flow)}
        >
          {flow ? 'Save revision' : 'Save flow'}
        </button>
        <span className="muted small" data-testid="validation">
          {checkError
            ? `Could not check the flow: ${checkError.message}`
            : problems.length === 0
              ? 'No problems'
              : `${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]?.line ? `line ${problems[0].line}: ` : ''}${problems[0]?.message}`}
        </span>
      </div>
      <ErrorBanner error={saveError} />
      <div className="editor-layout">
        <div className="editor-box">
          <Suspense
            fallback={
              <div className="muted" style={{ padding: 16 }}>
                Loading the editor…
              </div>
            }
          >
            <YamlEditor
              name={flow ? `${flow.namespace}.${flow.id}` : 'new'}
              value={source}
              onChange={setSource}
              onSave={save}
              onValidated={(errors, failure) => {
                setProblems(errors)
                setCheckError(failure)
              }}
            />
          </Suspense>
        </div>
        <div className="topology" data-testid="topology">
          <Topology flow={graph} />
        </div>
      </div>
    </div>
  )
}
