import { ApiError } from '../lib/api.ts'

/** Shows an error with the server's field errors (path, line:column); renders nothing without one. */
export function ErrorBanner({ error }: { error: Error | undefined }) {
  if (!error) return null
  const fields = error instanceof ApiError ? error.errors : []
  return (
    <div className="error" role="alert">
      {error.message}
      {fields.length > 0 && fields.some((field) => !error.message.includes(field.message)) && (
        <ul>
          {fields.map((field) => (
            <li key={`${field.path}:${field.message}`}>
              {field.line ? `line ${field.line}:${field.column ?? 1} ` : ''}
              {field.path}: {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
