import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { runHeadless } from '../../src/cli/play-headless.js';
import type { SessionSetup } from '../../src/cli/session-setup.js';
import { createOpenAIProvider } from '../../src/providers/openai/index.js';
import { JsonlSessionStore } from '../../src/store/session-file.js';
import { loadSession } from '../../src/store/load.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { profileFor } from '../providers/openai/helpers.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { steppingClock } from '../engine/session/scripted-provider.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function headless(url: string, lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'skald-headless-revise-'));
  const store = new JsonlSessionStore({ dir });
  const provider = createOpenAIProvider(profileFor(url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 });
  const session = await Session.create({ pack: miniPack(), provider, store, clock: steppingClock(), seed: 1, candidates: 1 });
  const setup = {
    session,
    store,
    provider,
    resumed: false,
    warnings: [],
    loaded: { pack: miniPack(), origin: 'path', location: dir, warnings: [] },
  } as unknown as SessionSetup;
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += String(chunk)));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runHeadless(setup, { input, output });
  return {
    out: text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>),
    session,
    dir,
    provider,
  };
}

describe('headless reply controls', () => {
  it('/continue, /edit --reply, /impersonate and /delete print what they changed', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.enqueue(
      { content: 'Wren sets down the sack and', finishReason: 'length' },
      { content: 'looks at you for a long moment.' },
      { content: 'Tamsin: I ask him, quietly, about the debt he owes Ilsa.' },
      { content: 'Wren shrugs.' },
    );
    const { out, session, dir, provider } = await headless(server.url, [
      'I greet Wren.',
      '/continue',
      '/edit --reply Wren sets down the sack and smiles.',
      '/impersonate ask about the debt',
      'What now?',
      '/delete',
      '/continue 7',
      '/edit --reply',
    ]);
    expect(out.map((o) => o.type)).toEqual(['session', 'turn', 'turn', 'turn', 'draft', 'turn', 'delete', 'error', 'error']);
    const [, first, continued, edited, draft, second, deleted, missing, empty] = out;
    expect(first.candidates[0].finishReason).toBe('length');
    expect(continued).toMatchObject({ turn: 1, regenerate: true, chosen: 1 });
    expect(continued.candidates[1]).toMatchObject({
      text: 'Wren sets down the sack and looks at you for a long moment.',
      revision: 'continued',
    });
    expect(edited).toMatchObject({ turn: 1, regenerate: true, chosen: 2 });
    expect(edited.candidates[2]).toMatchObject({ text: 'Wren sets down the sack and smiles.', revision: 'edited' });
    expect(edited.candidates[2].critics.length).toBeGreaterThan(0);
    // The draft is the player's line without its label, and no turn was played for it.
    expect(draft).toEqual({ type: 'draft', text: 'I ask him, quietly, about the debt he owes Ilsa.' });
    const ask = server.chatRequests()[2].body!;
    expect(JSON.stringify(ask.messages)).toContain('ask about the debt');
    expect(JSON.stringify(ask.messages)).toContain('I greet Wren.');
    expect(ask.messages[0].content).toContain('The player plays Tamsin');
    expect(second).toMatchObject({ turn: 2, input: 'What now?' });
    expect(deleted).toEqual({ type: 'delete', turn: 2, input: 'What now?', turns: 1 });
    expect(missing.message).toMatch(/no turn 7/);
    expect(empty.message).toMatch(/--reply takes the new text/);

    // Reopened from its file: the edited version is the kept reply, and the deleted turn is gone from the branch.
    const loaded = await loadSession(session.id, dir);
    const resumed = await Session.restore(loaded.records, {
      pack: miniPack(),
      provider,
      store: new JsonlSessionStore({ id: session.id, dir }),
      clock: steppingClock(),
      seed: 1,
    });
    expect(resumed.turns()).toHaveLength(1);
    const kept = resumed.turns()[0];
    expect(kept.candidates[kept.chosen]).toMatchObject({ text: 'Wren sets down the sack and smiles.', revision: { kind: 'edited' } });
  });

  it("keeps /edit TEXT for the player's own message", async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour({ content: 'Wren nods.' });
    const { out } = await headless(server.url, ['I greet Wren.', '/edit I wave at Wren.']);
    expect(out.map((o) => o.type)).toEqual(['session', 'turn', 'turn']);
    expect(out[2]).toMatchObject({ turn: 1, input: 'I wave at Wren.' });
  });
});
