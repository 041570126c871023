import type { ReactNode } from 'react'

/** What a page shows when it has nothing yet: a title and what the newcomer can do about it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty panel">
      <h2>{title}</h2>
      <div>{children}</div>
    </div>
  )
}
