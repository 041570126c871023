import { useCallback, useEffect, useState } from 'react'

/** The state of a load: the value, the error (shown, never swallowed), and a reload function. */
export interface Async<T> {
  value: T | undefined
  error: Error | undefined
  loading: boolean
  reload(): void
}

/** Runs `load` when `deps` change; keeps the previous value while reloading. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [value, setValue] = useState<T>()
  const [error, setError] = useState<Error>()
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on.
  useEffect(() => {
    let live = true
    setLoading(true)
    load().then(
      (result) => {
        if (!live) return
        setValue(result)
        setError(undefined)
        setLoading(false)
      },
      (failure: unknown) => {
        if (!live) return
        setError(failure instanceof Error ? failure : new Error(String(failure)))
        setLoading(false)
      },
    )
    return () => {
      live = false
    }
  }, [...deps, tick])
  const reload = useCallback(() => setTick((count) => count + 1), [])
  return { value, error, loading, reload }
}
