/**
 * The right -> wrong check for changes to the player readers: a snapshot of every reading (pacing
 * direction, waiting, OOC and pivot of each labelled message, the facts of each facts row and of
 * each player message of the critics corpora, and the waiting and OOC reads of every other text of
 * the corpora: bot replies, histories), and the diff of two snapshots.
 *
 *   npx tsx scripts/player-diff.ts snapshot before.json   (before the change)
 *   npx tsx scripts/player-diff.ts snapshot after.json    (after it)
 *   npx tsx scripts/player-diff.ts diff before.json after.json
 *
 * The shared real corpus is read too when SKALD_SHARED names its folder.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCues, splitOoc } from '../src/engine/pacing/cues.js';
import { extractFacts } from '../src/engine/memory/facts.js';
import { parseFactRows } from '../src/eval/fact-score.js';
import { parseLabelledMessages, readAll } from '../src/eval/player-reading.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Labelled {
  read: [string, boolean, boolean, boolean];
  label: [string, boolean, boolean, boolean];
  text: string;
}
type Snapshot = Record<string, Labelled | string[] | { waiting: boolean; ooc: boolean }>;

function snapshot(): Snapshot {
  const out: Snapshot = {};
  const rows = parseLabelledMessages(readFileSync(`${root}tests/corpora/player/messages.jsonl`, 'utf8'));
  for (const r of readAll(rows)) {
    out[`message ${r.row.id}`] = {
      read: [r.direction, r.waiting, r.ooc, r.pivot],
      label: [r.row.direction, r.row.waiting, r.row.ooc, r.row.pivot],
      text: r.row.text,
    };
  }
  for (const row of parseFactRows(readFileSync(`${root}tests/corpora/player/facts.jsonl`, 'utf8'))) {
    const facts =
      row.player === undefined
        ? extractFacts(row.text, 1, 'Player', row.language)
        : extractFacts(row.text, 1, row.player, row.language, { characters: [] });
    out[`facts ${row.id}`] = facts.map((f) => `${f.kind}: ${f.text}`).sort();
  }
  const corpora = readdirSync(`${root}tests/corpora`)
    .filter((d) => d.startsWith('critics'))
    .map((d) => `${root}tests/corpora/${d}/cases.jsonl`);
  if (process.env.SKALD_SHARED) corpora.push(`${process.env.SKALD_SHARED}/corpora/critics-real/cases.jsonl`);
  const labelled = new Set(rows.map((r) => r.text));
  for (const file of corpora.filter((f) => existsSync(f))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as { response?: unknown; history?: Array<{ role?: string; content?: unknown }> };
      const texts = [c.response, ...(c.history ?? []).map((h) => h.content)].filter((t): t is string => typeof t === 'string');
      for (const text of texts.filter((t) => !labelled.has(t))) {
        out[`other ${text}`] = { waiting: readCues(text).waiting, ooc: splitOoc(text).notes.length > 0 };
      }
      for (const h of c.history ?? []) {
        if (h.role !== 'user' || typeof h.content !== 'string') continue;
        const language = /\p{Script=Han}/u.test(h.content) ? 'zh' : 'en';
        out[`player facts ${h.content}`] = extractFacts(h.content, 1, 'Player', language)
          .map((f) => `${f.kind}: ${f.text}`)
          .sort();
      }
    }
  }
  return out;
}

function diff(before: Snapshot, after: Snapshot): void {
  const counts = { rightToWrong: 0, wrongToRight: 0, wrongToWrong: 0, other: 0, facts: 0 };
  const what = ['direction', 'waiting', 'ooc', 'pivot'];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (key.startsWith('message ') && a && b && 'read' in a && 'read' in b) {
      a.read.forEach((was, i) => {
        const now = b.read[i];
        if (was === now) return;
        const label = b.label[i];
        const kind = was === label ? 'rightToWrong' : now === label ? 'wrongToRight' : 'wrongToWrong';
        counts[kind] += 1;
        process.stdout.write(
          `${kind} ${key.slice(8)} ${what[i]}: ${String(was)} -> ${String(now)} (label ${String(label)}) ${b.text.slice(0, 100)}\n`,
        );
      });
    } else if (key.startsWith('other ')) {
      counts.other += 1;
      process.stdout.write(`other text ${JSON.stringify(a)} -> ${JSON.stringify(b)}: ${key.slice(6, 120)}\n`);
    } else {
      counts.facts += 1;
      process.stdout.write(`${key.slice(0, 120)}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}\n`);
    }
  }
  process.stdout.write(
    `right -> wrong ${counts.rightToWrong}, wrong -> right ${counts.wrongToRight}, wrong -> wrong ${counts.wrongToWrong}; other texts changed ${counts.other}; facts changed ${counts.facts}\n`,
  );
}

const [command, first, second] = process.argv.slice(2);
if (command === 'snapshot' && first) writeFileSync(first, JSON.stringify(snapshot()));
else if (command === 'diff' && first && second)
  diff(JSON.parse(readFileSync(first, 'utf8')) as Snapshot, JSON.parse(readFileSync(second, 'utf8')) as Snapshot);
else process.stdout.write('usage: player-diff.ts snapshot <out.json> | diff <before.json> <after.json>\n');
