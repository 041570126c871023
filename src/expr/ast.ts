/** Syntax tree of templates and expressions. Every node carries the template offset it starts at. */

export type Expression =
  | { kind: 'literal'; value: unknown; isFloat?: boolean; offset: number }
  | { kind: 'variable'; name: string; offset: number }
  | { kind: 'member'; object: Expression; property: Expression; computed: boolean; offset: number }
  | { kind: 'call'; name: string; args: Arguments; offset: number }
  | { kind: 'filter'; input: Expression; name: string; args: Arguments; offset: number }
  | { kind: 'test'; input: Expression; name: string; negated: boolean; offset: number }
  | { kind: 'unary'; operator: 'not' | '-' | '+'; operand: Expression; offset: number }
  | { kind: 'binary'; operator: string; left: Expression; right: Expression; offset: number }
  | { kind: 'ternary'; condition: Expression; then: Expression; otherwise: Expression; offset: number }
  | { kind: 'list'; items: Expression[]; offset: number }
  | { kind: 'map'; entries: { key: Expression; value: Expression }[]; offset: number }

/** Positional and named arguments of a call, filter or test. */
export interface Arguments {
  positional: Expression[]
  named: { name: string; value: Expression }[]
}

export type TemplateNode =
  | { kind: 'text'; text: string; offset: number }
  | { kind: 'print'; expression: Expression; offset: number }
  | {
      kind: 'if'
      branches: { condition: Expression; body: TemplateNode[] }[]
      otherwise: TemplateNode[]
      offset: number
    }
  | {
      kind: 'for'
      keyName?: string
      valueName: string
      iterable: Expression
      body: TemplateNode[]
      otherwise: TemplateNode[]
      offset: number
    }
  | { kind: 'set'; name: string; value: Expression; offset: number }
