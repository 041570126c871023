const DURATION =
  /^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

// Years and months have no fixed length; like Java's Duration we refuse them rather than guess.
const UNIT_MS = [0, 0, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000]

/**
 * Parses an ISO-8601 duration (`PT30S`, `PT1H30M`, `P1D`, `P2W`, `PT0.5S`) into milliseconds, or `undefined` when
 * the text is not one. Years and months (`P1Y`, `P1M`) are rejected: they have no fixed length.
 * @example parseDuration('PT1M30S') // 90000
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toUpperCase())
  if (!match || match[1] !== undefined || match[2] !== undefined) return undefined
  let total = 0
  for (let unit = 2; unit < UNIT_MS.length; unit++) {
    const amount = match[unit + 1]
    if (amount !== undefined) total += Number(amount) * UNIT_MS[unit]
  }
  return total
}

/** True for a valid ISO-8601 duration with a fixed length. */
export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined
}
