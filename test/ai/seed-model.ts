import type { RecordedRequest } from '../fakes/http.ts'
import type { FakeTurn } from '../fakes/llm-script.ts'

interface GeminiBody {
  contents: {
    role: string
    parts: { text?: string; functionResponse?: { response: { content?: { stdout?: string } } } }[]
  }[]
  tools?: { functionDeclarations: { name: string }[] }[]
}

/** The hash a model without tools makes up: plausible, wrong. */
export const HALLUCINATED_SHA256 = 'a3f1c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0'

/**
 * A scripted Gemini for the seed flows, playing what gemini-2.5-flash does with them. Turn 1 (tools declared):
 * calls the code tool with JavaScript for the prompt (a square root or Node's `crypto` SHA-256). Turn 2 (the last
 * content is the tool's response): answers using the tool's stdout. Without tools it answers from "memory".
 */
export function seedModel(request: RecordedRequest): FakeTurn {
  const body = request.body as GeminiBody
  const last = body.contents.at(-1)
  const toolResponse = last?.parts.find((part) => part.functionResponse)?.functionResponse?.response
  const prompt = body.contents[0]?.parts.map((part) => part.text ?? '').join('') ?? ''
  if (toolResponse !== undefined) {
    const stdout = toolResponse.content?.stdout?.trim() ?? ''
    return prompt.includes('SHA-256')
      ? { text: JSON.stringify({ input: quoted(prompt), sha256: stdout }) }
      : { text: `The square root of ${prompt.match(/\d+/)?.[0]} is ${stdout}.` }
  }
  const tool = body.tools?.[0]?.functionDeclarations[0]?.name
  if (tool === undefined)
    return { text: JSON.stringify({ input: quoted(prompt), sha256: HALLUCINATED_SHA256 }) }
  const code = prompt.includes('SHA-256')
    ? `const crypto = require('crypto');\nconsole.log(crypto.createHash('sha256').update(${JSON.stringify(quoted(prompt))}).digest('hex'));`
    : `console.log(Math.sqrt(${prompt.match(/\d+/)?.[0]}));`
  return { toolCalls: [{ name: tool, args: { language: 'javascript', code } }] }
}

function quoted(prompt: string): string {
  return prompt.match(/"([^"]*)"/)?.[1] ?? ''
}
