import { useEffect, useState } from 'react'

/**
 * Code with syntax highlighting (Monaco's tokenizers, loaded lazily); plain text until they arrive or when the
 * language is unknown.
 */
export function CodeView({ code, language }: { code: string; language: string }) {
  const [html, setHtml] = useState<string>()
  useEffect(() => {
    let live = true
    import('./monaco.ts')
      .then(({ monaco, monacoLanguage }) => monaco.editor.colorize(code, monacoLanguage(language), {}))
      .then((colored) => {
        if (live) setHtml(colored)
      })
      .catch(() => {
        // Highlighting is a nicety: the plain code below stays readable.
      })
    return () => {
      live = false
    }
  }, [code, language])
  return html === undefined ? (
    <pre className="block" data-testid="code">
      {code}
    </pre>
  ) : (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: Monaco's colorize escapes the code it tokenizes.
    <pre className="block" data-testid="code" dangerouslySetInnerHTML={{ __html: html }} />
  )
}
