import { describe, expect, it } from 'vitest';
import { chunkText, createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { composeReply } from '../../../src/providers/offline/compose.js';
import type { GenerateRequest, ProviderEvent } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { contextFor, planFor, requestFor } from './support.js';

function request(over: Partial<GenerateRequest> = {}): GenerateRequest {
  const pack = miniPack();
  const plan = planFor('escalate', 'steady');
  return {
    candidates: [
      requestFor(plan, 'planned'),
      requestFor({ ...plan, cadence: 'gentle' }, 'gentler'),
      requestFor({ ...plan, cadence: 'bold' }, 'bolder'),
    ],
    stop: ['Tamsin:'],
    context: contextFor(pack, { playerInput: 'Why did the wheel stop?', lore: ['the-wheel'], seed: 11 }),
    ...over,
  };
}

async function collect(stream: AsyncIterable<ProviderEvent>, onEvent?: (e: ProviderEvent) => void): Promise<ProviderEvent[]> {
  const events: ProviderEvent[] = [];
  for await (const e of stream) {
    events.push(e);
    onEvent?.(e);
  }
  return events;
}

function textsOf(events: ProviderEvent[], n: number): string[] {
  const texts = Array.from({ length: n }, () => '');
  for (const e of events) if (e.type === 'delta') texts[e.candidate] += e.text;
  return texts;
}

describe('offline narrator provider', () => {
  it('labels itself as the offline narrator', () => {
    const p = createOfflineNarrator();
    expect(p).toMatchObject({ id: 'offline', label: 'offline narrator', offline: true });
  });

  it('streams every candidate in small interleaved chunks, then usage and done', async () => {
    const req = request();
    const events = await collect(createOfflineNarrator({ seed: 4 }).generate(req));
    const deltas = events.filter((e): e is Extract<ProviderEvent, { type: 'delta' }> => e.type === 'delta');
    expect(deltas.slice(0, 3).map((d) => d.candidate)).toEqual([0, 1, 2]);
    for (const d of deltas) expect(d.text.trim().split(/\s+/).length).toBeLessThanOrEqual(3);
    const texts = textsOf(events, 3);
    texts.forEach((t, i) => expect(t).toBe(composeReply(req.context, req.candidates[i], i, 4).text));
    expect(new Set(texts).size).toBe(3);
    for (let i = 0; i < 3; i++) {
      const usage = events.find((e) => e.type === 'usage' && e.candidate === i);
      expect(usage && usage.type === 'usage' && usage.usage.completionTokens).toBeGreaterThan(20);
      const done = events.filter((e) => e.type === 'done' && e.candidate === i);
      expect(done).toEqual([{ type: 'done', candidate: i, incomplete: false, finishReason: 'stop' }]);
      // Nothing arrives for a candidate after its done.
      const at = events.indexOf(done[0]);
      expect(events.slice(at + 1).some((e) => e.candidate === i)).toBe(false);
    }
  });

  it('is deterministic for a seed and differs for another', async () => {
    const a = textsOf(await collect(createOfflineNarrator({ seed: 1 }).generate(request())), 3);
    const b = textsOf(await collect(createOfflineNarrator({ seed: 1 }).generate(request())), 3);
    const c = textsOf(await collect(createOfflineNarrator({ seed: 2 }).generate(request())), 3);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('yields to the event loop between chunks, so a UI can render', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    let ticksAtFirstDone = -1;
    await collect(createOfflineNarrator().generate(request()), (e) => {
      if (e.type === 'done' && ticksAtFirstDone < 0) ticksAtFirstDone = ticks;
    });
    clearInterval(timer);
    expect(ticksAtFirstDone).toBeGreaterThan(0);
  });

  it('waits delayMs between chunks', async () => {
    const started = Date.now();
    const events = await collect(createOfflineNarrator({ delayMs: 5 }).generate(request({ candidates: [request().candidates[0]] })));
    const chunks = events.filter((e) => e.type === 'delta').length;
    expect(Date.now() - started).toBeGreaterThanOrEqual((chunks - 1) * 4);
  });

  it('stops on abort: no more deltas, every candidate done and incomplete', async () => {
    const controller = new AbortController();
    const req = request({ signal: controller.signal });
    const full = textsOf(await collect(createOfflineNarrator().generate(request())), 3);
    let deltas = 0;
    let seen = 0;
    let abortAt = -1;
    const events = await collect(createOfflineNarrator({ delayMs: 1 }).generate(req), (e) => {
      seen += 1;
      if (e.type === 'delta' && ++deltas === 5) {
        controller.abort();
        abortAt = seen;
      }
    });
    expect(abortAt).toBeGreaterThan(0);
    expect(events.slice(abortAt).some((e) => e.type === 'delta')).toBe(false);
    for (let i = 0; i < 3; i++) {
      expect(events.filter((e) => e.type === 'done' && e.candidate === i)).toEqual([
        { type: 'done', candidate: i, incomplete: true, finishReason: 'aborted' },
      ]);
    }
    const partial = textsOf(events, 3);
    partial.forEach((t, i) => {
      expect(t.length).toBeLessThan(full[i].length);
      expect(full[i].startsWith(t)).toBe(true);
    });
  });

  it('emits nothing but incomplete dones for an already aborted request', async () => {
    const controller = new AbortController();
    controller.abort();
    const events = await collect(createOfflineNarrator().generate(request({ signal: controller.signal })));
    expect(events.every((e) => e.type === 'done' && e.incomplete)).toBe(true);
    expect(events).toHaveLength(3);
  });

  it('complete() returns a short deterministic extract of the last user message', async () => {
    const p = createOfflineNarrator();
    const long =
      'Tamsin came home to Dunmarrow after five years in the city. The mill wheel had stopped three nights before. ' +
      'Her brother Wren owed money to Ilsa Morrow, the widow who keeps ledgers. ' +
      "It rained. The tea was cold. Nobody spoke of the miller's daughter, who vanished the night the wheel stopped. " +
      'Ilsa wanted the mill, and Wren had signed something in secret to keep the wheel.';
    const messages = [
      { role: 'system' as const, content: 'Summarise the story so far.' },
      { role: 'user' as const, content: long },
    ];
    const a = await p.complete(messages, { maxTokens: 40 });
    expect(a).toBe(await p.complete(messages, { maxTokens: 40 }));
    expect(a.length).toBeGreaterThan(20);
    expect(a.length).toBeLessThan(long.length);
    expect(a.split(/\s+/).length).toBeLessThanOrEqual(30);
    expect(long).toContain(a.split('. ')[0]);
    expect(a).toMatch(/wheel|Wren/);
    expect(await p.complete([{ role: 'user', content: 'Short line.' }])).toBe('Short line.');
  });
});

describe('chunkText', () => {
  it('cuts English into a few words and Chinese into a few characters, losing nothing', () => {
    const en = 'Wren looks up. "So what will you do about the wheel?"';
    expect(chunkText(en).join('')).toBe(en);
    expect(chunkText(en).every((c) => c.trim().split(/\s+/).length <= 3)).toBe(true);
    const zh = '陈伯不慌不忙地开口。“铜铃是掌柜的祖父挂上的，据说只在有客人说谎时才会沉默。”\n\n陈伯望着你，等你的回答。';
    expect(chunkText(zh).join('')).toBe(zh);
    expect(chunkText(zh).every((c) => c.length <= 8)).toBe(true);
  });
});
