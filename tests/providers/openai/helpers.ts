import type {
  CandidateRequest,
  ChatMessage,
  GenerateRequest,
  NarrationContext,
  Provider,
  ProviderEvent,
} from '../../../src/engine/types.js';
import type { ResolvedProfile } from '../../../src/config/profiles.js';

/** A profile pointing at a test server. */
export function profileFor(url: string, overrides: Partial<ResolvedProfile> = {}): ResolvedProfile {
  return { name: 'test', baseURL: url, model: 'test-model', headers: {}, supportsN: false, source: 'profile', ...overrides };
}

export function messages(text = 'I open the door.'): ChatMessage[] {
  return [
    { role: 'system', content: 'You are the narrator.' },
    { role: 'user', content: text },
  ];
}

/** A generate request; the openai provider ignores plan, variant and context. */
export function request(
  count: number,
  options: { stop?: string[]; signal?: AbortSignal; perCandidate?: (i: number) => ChatMessage[] } = {},
): GenerateRequest {
  const candidates: CandidateRequest[] = Array.from({ length: count }, (_, i) => ({
    messages: options.perCandidate ? options.perCandidate(i) : messages(),
    variant: { beat: 'escalate', cadence: 'steady', label: 'planned' },
    plan: {} as CandidateRequest['plan'],
    maxTokens: 200,
  }));
  return { candidates, stop: options.stop ?? [], context: {} as NarrationContext, signal: options.signal };
}

export interface Collected {
  events: ProviderEvent[];
  text: string[];
  reasoning: string[];
  done: Array<Extract<ProviderEvent, { type: 'done' }> | undefined>;
  errors: Array<Extract<ProviderEvent, { type: 'error' }>['error'] | undefined>;
  retries: Array<Extract<ProviderEvent, { type: 'retry' }>>;
  usage: Array<Extract<ProviderEvent, { type: 'usage' }>['usage'] | undefined>;
}

/** Runs generate to the end and sorts its events per candidate. */
export async function collect(provider: Provider, req: GenerateRequest, onEvent?: (e: ProviderEvent) => void): Promise<Collected> {
  const out: Collected = { events: [], text: [], reasoning: [], done: [], errors: [], retries: [], usage: [] };
  for (let i = 0; i < req.candidates.length; i++) {
    out.text.push('');
    out.reasoning.push('');
    out.done.push(undefined);
    out.errors.push(undefined);
    out.usage.push(undefined);
  }
  for await (const event of provider.generate(req)) {
    out.events.push(event);
    onEvent?.(event);
    if (event.type === 'delta') out.text[event.candidate] += event.text;
    if (event.type === 'reasoning') out.reasoning[event.candidate] += event.text;
    if (event.type === 'done') out.done[event.candidate] = event;
    if (event.type === 'error') out.errors[event.candidate] = event.error;
    if (event.type === 'retry') out.retries.push(event);
    if (event.type === 'usage') out.usage[event.candidate] = event.usage;
  }
  return out;
}
