/** A real SillyTavern chat given header metadata, and a session that plays on from its import. */
import { readFileSync } from 'node:fs';
import type { SessionDeps } from '../../../src/engine/session/index.js';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import { parseStChat } from '../../../src/store/st-chat/parse.js';
import type { Provider } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { steppingClock } from './scripted-provider.js';

/** The chat in `file`, its header's `chat_metadata` given `metadata` on top of its own: the header, and the chat parsed. */
export function chatWithMetadata(file: URL, metadata: Record<string, unknown>) {
  const [head, ...rest] = readFileSync(file, 'utf8').trim().split('\n');
  const header = JSON.parse(head) as { chat_metadata: Record<string, unknown> };
  header.chat_metadata = { ...header.chat_metadata, ...metadata };
  return { header, chat: parseStChat([JSON.stringify(header), ...rest].join('\n'), 'chat.jsonl') };
}

/** What an imported story is restored with: one candidate a turn, the planner on, a store of its own. */
export function importedDeps(pack: WorldPack, provider: Provider): SessionDeps {
  return { pack, provider, store: new MemorySessionStore(), clock: steppingClock(), seed: 1, candidates: 1, planner: true };
}
