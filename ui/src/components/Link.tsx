import type { MouseEvent, ReactNode } from 'react'
import { navigate } from '../lib/router.ts'

/** An in-app link: a real `<a href>` (middle-click opens a tab) that navigates without a reload. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={onClick} className={className}>
      {children}
    </a>
  )
}
