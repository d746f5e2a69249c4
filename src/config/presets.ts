/**
 * Built-in endpoint presets: the base URL, default model and key variable of the services and
 * local servers skald knows, so that `skald profiles add local --preset ollama` is enough.
 */
export interface Preset {
  id: string;
  /** Human name, for listings and hints. */
  name: string;
  baseURL: string;
  model?: string;
  /** Environment variable the key is read from by default; absent for keyless local servers. */
  apiKeyEnv?: string;
  /** The endpoint answers `n` > 1 with several choices in one request. */
  supportsN: boolean;
  /** Local servers: what to run when nothing listens at the base URL. */
  startHint?: string;
}

export const PRESETS: readonly Preset[] = [
  { id: 'openai', name: 'OpenAI', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY', supportsN: true },
  { id: 'minimax', name: 'MiniMax', baseURL: 'https://api.minimax.io/v1', model: 'MiniMax-M2-her', apiKeyEnv: 'MINIMAX_API_KEY', supportsN: false },
  { id: 'deepseek', name: 'DeepSeek', baseURL: 'https://api.deepseek.com/v1', model: 'deepseek-chat', apiKeyEnv: 'DEEPSEEK_API_KEY', supportsN: false },
  { id: 'openrouter', name: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY', supportsN: false },
  { id: 'ollama', name: 'Ollama', baseURL: 'http://localhost:11434/v1', supportsN: false, startHint: 'start it with `ollama serve`' },
  { id: 'lmstudio', name: 'LM Studio', baseURL: 'http://localhost:1234/v1', supportsN: false, startHint: "start the server in LM Studio's Developer tab or with `lms server start`" },
  { id: 'llamacpp', name: 'llama.cpp server', baseURL: 'http://localhost:8080/v1', supportsN: false, startHint: 'start it with `llama-server -m <model.gguf>`' },
  { id: 'vllm', name: 'vLLM', baseURL: 'http://localhost:8000/v1', supportsN: true, startHint: 'start it with `vllm serve <model>`' },
  { id: 'koboldcpp', name: 'KoboldCpp', baseURL: 'http://localhost:5001/v1', supportsN: false, startHint: 'start KoboldCpp with a model loaded' },
];

/** The preset with this id, if any. */
export function findPreset(id: string | undefined): Preset | undefined {
  if (!id) return undefined;
  return PRESETS.find((p) => p.id === id.toLowerCase());
}

/** The preset whose base URL this is, so that a hand-made profile still gets a start hint. */
export function presetForURL(url: string): Preset | undefined {
  const norm = (u: string) => u.replace(/\/+$/, '').replace('://127.0.0.1', '://localhost');
  return PRESETS.find((p) => norm(p.baseURL) === norm(url));
}
