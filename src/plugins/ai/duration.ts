/**
 * Milliseconds of an ISO-8601 duration as Kestra writes them (`PT30S`, `PT1M30S`, `P1D`, `PT0.5S`). Returns
 * undefined when the text is not one.
 */
export function durationMs(text: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text)
  if (match === null || text === 'P' || text.endsWith('T')) return undefined
  const [, days, hours, minutes, seconds] = match
  return (
    ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60_000 +
    Number(seconds ?? 0) * 1000
  )
}
