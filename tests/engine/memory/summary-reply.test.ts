import { describe, expect, it } from 'vitest';
import { emptyMemory, modelFacts, parseSummaryReply, summaryJsonSchema, updateSummary } from '../../../src/engine/memory/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { MemoryState, StoryMessage } from '../../../src/engine/types.js';
import type { ModelFact } from '../../../src/engine/memory/index.js';

const fact: ModelFact = { kind: 'relationship', subject: 'Biscuit', value: 'dog', text: "Biscuit is Tamsin's dog.", turn: 1 };
const json = JSON.stringify({ summary: 'Tamsin came home with her dog.', facts: [fact] });

describe("reading the summary model's answer", () => {
  it('reads plain JSON, a fenced block and JSON wrapped in prose alike', () => {
    for (const answer of [json, `\`\`\`json\n${json}\n\`\`\``, `Here is the memory you asked for:\n${json}\nHope this helps!`]) {
      expect(parseSummaryReply(answer), answer).toEqual({ summary: 'Tamsin came home with her dog.', facts: [fact] });
    }
  });

  it('takes a plain-text answer as the summary with no facts, and gives nothing for broken JSON', () => {
    expect(parseSummaryReply('Tamsin came home. Wren owes Ilsa forty crowns.')).toEqual({
      summary: 'Tamsin came home. Wren owes Ilsa forty crowns.',
      facts: [],
    });
    expect(parseSummaryReply('{"summary": "Tamsin came ho')).toEqual({ facts: [] });
    expect(parseSummaryReply('```json\n{"summary": \n```')).toEqual({ facts: [] });
    expect(parseSummaryReply('')).toEqual({ facts: [] });
  });

  it('drops a bad fact on its own and keeps the rest', () => {
    const answer = JSON.stringify({
      summary: 'S.',
      facts: [
        fact,
        { kind: 'rumour', subject: 'x', value: 'y', text: 'z', turn: 1 },
        { kind: 'place', subject: 'home', text: 'no value', turn: 2 },
        'Biscuit',
      ],
    });
    expect(parseSummaryReply(answer).facts).toEqual([fact]);
    expect(parseSummaryReply(JSON.stringify({ summary: 'S.', facts: 'none' }))).toEqual({ summary: 'S.', facts: [] });
  });

  it('sends a strict schema: every property required, no extra ones, no bounds strict mode refuses', () => {
    const schema = summaryJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: { facts: { items: { required: string[] } } };
    };
    expect(schema.required).toEqual(['summary', 'facts']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.facts.items.required).toEqual(['kind', 'subject', 'value', 'text', 'turn']);
    expect(JSON.stringify(schema)).not.toMatch(/minLength|maxLength|minimum|maximum|\$schema/);
  });

  it('gives each request its own copy of the schema (it is derived once per process)', () => {
    const first = summaryJsonSchema() as { required: string[] };
    first.required.push('changed by a caller');
    expect((summaryJsonSchema() as { required: string[] }).required).toEqual(['summary', 'facts']);
  });
});

describe('model facts in the ledger', () => {
  const shown: StoryMessage[] = [
    { role: 'player', text: '*Dimo steps off the ferry with Biscuit at his heels.*', turn: 3 },
    { role: 'narrator', text: 'The ferryman nods.', turn: 3 },
    { role: 'player', text: 'I ask for the inn.', turn: 4 },
  ];

  it('keeps the turn the model names when it was shown, else the last player turn it saw', () => {
    const facts = modelFacts(
      [
        { ...fact, turn: 3 },
        { ...fact, subject: 'Dimo', kind: 'name', value: 'Dimo', text: 'The player is Dimo.', turn: 40 },
      ],
      shown,
    );
    expect(facts.map((f) => [f.turn, f.source, f.kind])).toEqual([
      [3, 'model', 'relationship'],
      [4, 'model', 'name'],
    ]);
    expect(modelFacts([fact], [{ role: 'narrator', text: 'x', turn: 1 }])).toEqual([]);
  });

  it("updateSummary adds the model's facts to the ledger and reports them; a later one replaces a contradicted one", async () => {
    const counter = new TokenCounter();
    const summarize = async () => ({
      summary: 'Dimo came to Liyue.',
      facts: [{ kind: 'place' as const, subject: 'home', value: 'Liyue', text: 'Dimo lives in Liyue.', turn: 3 }],
    });
    const memory: MemoryState = {
      ...emptyMemory(),
      facts: [
        {
          id: 'old',
          text: 'Dimo lives in Inazuma.',
          kind: 'place' as const,
          turn: 1,
          source: 'player' as const,
          subject: 'home',
          value: 'Inazuma',
        },
      ],
    };
    const updated = await updateSummary(memory, shown, { maxTokens: 200, counter, summarize });
    expect(updated.summary).toBe('Dimo came to Liyue.');
    expect(updated.found.map((f) => f.text)).toEqual(['Dimo lives in Liyue.']);
    expect(updated.facts.map((f) => `${f.turn} ${f.source} ${f.text}`)).toEqual(['3 model Dimo lives in Liyue.']);
    // A summariser that answers with no usable summary falls back to the extractive one, with no facts.
    const fallback = await updateSummary(emptyMemory(), shown, {
      maxTokens: 200,
      counter,
      summarize: async () => {
        throw new Error('no usable summary');
      },
    });
    expect(fallback.found).toEqual([]);
    expect(fallback.summary).toContain('Dimo steps off the ferry');
  });
});
