/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one edit (optimal string
 * alignment), case-insensitive: `Lgo` is one edit from `Log`.
 */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase()
  const right = b.toLowerCase()
  const rows: number[][] = [Array.from({ length: right.length + 1 }, (_, index) => index)]
  for (let i = 1; i <= left.length; i++) {
    const row = [i]
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1)
      }
    }
    rows.push(row)
  }
  return rows[left.length][right.length]
}

/** Distance relative to the part after the shared prefix, so long common namespaces do not hide real differences. */
function relativeDistance(a: string, b: string): number {
  let shared = 0
  while (shared < a.length && shared < b.length && a[shared].toLowerCase() === b[shared].toLowerCase())
    shared++
  return editDistance(a, b) / Math.max(a.length - shared, b.length - shared, 3)
}

const lastSegment = (name: string): string => name.slice(name.lastIndexOf('.') + 1)

/**
 * The `n` candidates closest to `name`, for "did you mean …?". Dotted names are compared both whole and by their
 * last segment (`Lgo` finds `io.kestra.plugin.core.log.Log`); candidates too far away to be a typo are left out.
 * @example closestMatches('promt', ['prompt', 'provider']) // ['prompt']
 */
export function closestMatches(name: string, candidates: readonly string[], n = 3): string[] {
  const short = lastSegment(name)
  const scored = candidates.map((candidate) => {
    const whole = relativeDistance(name, candidate)
    const tail = name.includes('.') || candidate.includes('.') ? lastSegment(candidate) : candidate
    const segment = relativeDistance(short, tail)
    return { candidate, score: Math.min(whole, segment), whole }
  })
  return (
    scored
      .filter((entry) => entry.score < 0.5)
      // On a tie, the name closer as a whole wins: `…plugin.core.log.Lgo` suggests `…plugin.core.log.Log` first.
      .sort((a, b) => a.score - b.score || a.whole - b.whole || a.candidate.localeCompare(b.candidate))
      .slice(0, n)
      .map((entry) => entry.candidate)
  )
}

/** `; did you mean a or b?` or nothing. */
export function didYouMean(name: string, candidates: readonly string[], n = 3): string {
  const matches = closestMatches(name, candidates, n)
  return matches.length === 0 ? '' : `; did you mean ${matches.join(' or ')}?`
}
