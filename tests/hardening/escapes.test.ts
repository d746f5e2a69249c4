/**
 * Escape sequences in a pack and in a model's replies (and its reasoning) never reach the
 * terminal: headless JSON lines, `sessions show` and `sessions export` carry no ESC, CSI, OSC or
 * other control character, decoded or raw.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packToYaml } from '../../src/world/serialize.js';
import type { WorldPack } from '../../src/world/types.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from './helpers.js';
import { EVIL, controlPaths, evil, rawEscapes } from './escapes.js';

function evilPack(): WorldPack {
  const pack = miniPack();
  return {
    ...pack,
    title: evil(pack.title, 1),
    summary: evil(pack.summary, 2),
    setting: evil(pack.setting, 3),
    laws: pack.laws.map((l, i) => ({ ...l, text: evil(l.text, i + 4) })),
    lore: pack.lore.map((e, i) => ({ ...e, text: evil(e.text, i + 5) })),
    characters: pack.characters.map((c, i) => ({
      ...c,
      persona: evil(c.persona, i + 6),
      voice: evil(c.voice, i + 7),
      quirks: c.quirks.map((q, j) => evil(q, i + j)),
    })),
    // Macro output is pack text too: a reversed sequence, a variable holding one.
    openings: pack.openings.map((o, i) => ({
      ...o,
      title: evil(o.title, i),
      text: `${evil(o.text, i + 8)} {{reverse::${EVIL[0]}}} {{setvar::mark::${EVIL[3]}}}{{getvar::mark}}`,
    })),
    player: { ...pack.player, persona: evil(pack.player.persona, 9) },
  };
}

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({
    models: ['evil-model'],
    behaviour: {
      content: `The lamp gutters. ${EVIL.join(' Wren turns. ')} "Who's there?" she asks.`,
      reasoning: `Plan: ${EVIL.slice(0, 4).join(' then ')}.`,
      chunkSize: 3,
    },
  });
});
afterAll(async () => {
  await server.close();
});

describe('escape sequences from packs and models', () => {
  it('never reach headless output, sessions show or export', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-escapes-'));
    const packDir = mkdtempSync(join(tmpdir(), 'skald-evil-pack-'));
    writeFileSync(join(packDir, 'world.yaml'), packToYaml(evilPack()));
    const run = (args: string[], input = '') => runCli(args, { input, env: { SKALD_HOME: home } });

    const play = await run(
      ['play', packDir, '--headless', '--base-url', server.url, '--model', 'evil-model', '--candidates', '2', '--seed', '4'],
      'I look at the lamp.\nI ask about the mill.\n/regen\n/tree\n/memory\n',
    );
    expect(play.status, play.stderr).toBe(0);
    expect(rawEscapes(play.stdout)).toBe(false);
    expect(rawEscapes(play.stderr)).toBe(false);
    const lines = play.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const turns = lines.filter((l) => l.type === 'turn');
    expect(turns.length).toBe(3);
    // The model's words and the pack's words are there; only the escapes are gone.
    expect(JSON.stringify(turns)).toContain('Wren turns.');
    expect(JSON.stringify(lines[0])).toContain('Mini Mill');
    expect(lines.flatMap((l) => controlPaths(l))).toEqual([]);

    const show = await run(['sessions', 'show', 'last', '--json']);
    expect(show.status, show.stderr).toBe(0);
    expect(rawEscapes(show.stdout)).toBe(false);
    expect(controlPaths(JSON.parse(show.stdout))).toEqual([]);
    for (const format of ['md', 'json']) {
      const exported = await run(['sessions', 'export', 'last', '--format', format]);
      expect(exported.status, exported.stderr).toBe(0);
      expect(exported.stdout.length).toBeGreaterThan(100);
      expect(rawEscapes(exported.stdout), `export --format ${format}`).toBe(false);
      if (format === 'json') expect(controlPaths(JSON.parse(exported.stdout))).toEqual([]);
    }
    const list = await run(['sessions', 'list']);
    expect(rawEscapes(list.stdout)).toBe(false);
    const worlds = await run(['worlds', 'show', packDir]);
    expect(rawEscapes(worlds.stdout + worlds.stderr)).toBe(false);
  });
});
