/**
 * `provider` properties of an AIAgent pointed at a fake LLM server (test/fakes), so each test states only what
 * it varies: the server and, where masking is checked, the key.
 */

/** Google Gemini at a fake server's `url` (`startFakeGemini`). */
export function geminiProvider(url: string, apiKey = 'k') {
  return {
    type: 'io.kestra.plugin.ai.provider.GoogleGemini',
    apiKey,
    modelName: 'gemini-2.5-flash',
    baseUrl: `${url}/v1beta`,
  }
}
