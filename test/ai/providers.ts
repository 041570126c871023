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

/** OpenAI at a fake server's `url` (`startFakeOpenAI`). */
export function openAIProvider(url: string, apiKey = 'k', modelName = 'm') {
  return { type: 'io.kestra.plugin.ai.provider.OpenAI', apiKey, modelName, baseUrl: `${url}/v1` }
}

/** Anthropic at a fake server's `url` (`startFakeAnthropic`). */
export function anthropicProvider(url: string, apiKey = 'k', modelName = 'm') {
  return { type: 'io.kestra.plugin.ai.provider.Anthropic', apiKey, modelName, baseUrl: `${url}/v1` }
}

/** Ollama at a fake server's `url` (`startFakeOllama`). */
export function ollamaProvider(url: string, modelName = 'llama3.2') {
  return { type: 'io.kestra.plugin.ai.provider.Ollama', endpoint: url, modelName }
}
