/** Memory as it appears in the prompt: the summary, then the fact ledger, compactly. */
import type { MemoryState } from '../types.js';

const HEADERS = {
  en: { title: '## Memory', summary: 'The story so far:', facts: 'Facts the player established (always true):', none: '(none yet)' },
  zh: { title: '## 记忆', summary: '前情提要：', facts: '玩家确立的事实（始终成立）：', none: '（暂无）' },
};

/** The memory section of the system prompt; always present, even when empty. */
export function renderMemory(memory: MemoryState, language: string): string {
  const h = language.toLowerCase().startsWith('zh') ? HEADERS.zh : HEADERS.en;
  const parts = [h.title];
  if (memory.summary.trim()) parts.push(h.summary, memory.summary.trim());
  parts.push(h.facts);
  if (memory.facts.length === 0) parts.push(h.none);
  for (const fact of memory.facts) parts.push(`- ${fact.text}`);
  return parts.join('\n');
}
