import type { Provider, StoryMessage } from '../types.js';

/**
 * A rolling-summary writer backed by the configured model (the extractive summary is the offline
 * fallback). Short, factual, no commentary: the summary sits in every prompt.
 */
export function modelSummarizer(provider: Provider) {
  return async (previous: string, messages: StoryMessage[]): Promise<string> => {
    const story = messages.map((m) => `${m.role === 'player' ? 'Player' : 'Narrator'}: ${m.text}`).join('\n');
    return provider.complete([
      { role: 'system', content: 'Summarise the story so far in a few short factual lines: who is who, what happened, what was promised. No commentary.' },
      { role: 'user', content: `${previous ? `Summary so far:\n${previous}\n\n` : ''}New events:\n${story}` },
    ], { maxTokens: 300, temperature: 0.2 });
  };
}
