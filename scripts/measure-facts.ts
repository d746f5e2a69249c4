/**
 * Offline fact recall and precision on the labelled player messages: `npm run measure:facts`.
 * `--details` lists every miss and false alarm; `--write-docs` keeps the table in the "## Facts"
 * section of docs/player-reading.md (other sections of that file are left as they are).
 * Matching is defined in src/eval/fact-score.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFacts } from '../src/engine/memory/facts.js';
import { replaceSection } from '../src/eval/doc-section.js';
import { factTable, parseFactRows, precision, recall, scoreFacts, type FactScore } from '../src/eval/fact-score.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SET = `${root}tests/corpora/player/facts.jsonl`;
const DOC = `${root}docs/player-reading.md`;

/** Scores the offline extractor on the set. */
export function measureFacts(path = SET): FactScore {
  const rows = parseFactRows(readFileSync(path, 'utf8'));
  // A row that says the player's name is read with it, and with self-narration on (no pack characters to rule out).
  return scoreFacts(rows, (row) =>
    row.player === undefined
      ? extractFacts(row.text, 1, 'Player', row.language)
      : extractFacts(row.text, 1, row.player, row.language, { characters: [] }),
  );
}

function docsSection(score: FactScore): string {
  return [
    'Offline fact extraction (`src/engine/memory/facts.ts`) on `tests/corpora/player/facts.jsonl`:',
    'every distinct player message of the critics-real histories (real PIPPA users, simulated users,',
    'CharacterBench dialogues), labelled by hand, plus authored hard cases in English and Chinese',
    '(provenance: `tests/corpora/player/FACTS-PROVENANCE.md`). Regenerate with',
    '`npm run measure:facts -- --write-docs`.',
    '',
    factTable(score),
    '',
    'A predicted fact matches a label of the same kind whose key value word(s) it contains (each',
    'label and each prediction used once); recall = matched / labelled, precision = matched /',
    'predicted. Targets: recall >= 0.7 with precision >= 0.9 on all rows. Many real labels are',
    'implicit (a player who writes "Dimo arrives", a player who calls the character 爷爷): no',
    'pattern finds those, which is why the real-message recall is lower. With a model configured the',
    'call that writes the rolling summary also returns facts (not measured here: that needs a model).',
    'The held-out row is real messages the extractor was never tuned on (kept out of `all`). Where the',
    "source names the player (SillyTavern's user name), the row says it (`player`) and the extractor is",
    'given it, as in play; a label that only repeats that name ("NG进入了洞穴." labelled name: NG) is then',
    'the input, not a found fact, so it is left out and counted as given, and reading it back would be a',
    'false alarm. Facts a player states of their character by name ("Tamsin\'s sister Mara runs the',
    'ferry", "软玉的妹妹叫小月") are read as theirs; none of the held-out messages states one. The second',
    "held-out row is English messages from a SillyTavern user's committed chats (`samainfirenight/MGB`).",
    'A row whose message itself states the name its persona gives ("My name is Melissa Sparda") says so',
    '(`statesName`): that name label is then a fact in the text, not given, and the row is read without',
    'its persona, so an extractor that only echoed the persona would find nothing there. The third',
    'held-out row is English table talk from a Critical Role campaign (CRD3) and crowdsourced LIGHT',
    'role-play, likewise never tuned on; the fourth another Critical Role night, the fifth a Second Life',
    "role-play chat log, whose rows give the avatar's name as `player`, and the sixth role-play logs of the",
    "MUD Achaea, whose rows give the character's name; the seventh is the epilogue of a Critical Role",
    'campaign (C1E115), where the players mourn a companion, part ways and meet again; the eighth is an',
    "episode of the actual-play podcast Dice Disasters, whose rows give the character's name; the ninth a",
    "Chinese Call of Cthulhu game played by text in a QQ group, whose rows give the investigator's name.",
  ].join('\n');
}

function main(argv: string[]): void {
  const score = measureFacts();
  process.stdout.write(`${factTable(score)}\n`);
  if (argv.includes('--details')) {
    for (const miss of score.misses) {
      process.stdout.write(`\n${miss.id}: ${miss.text.slice(0, 200)}\n`);
      for (const label of miss.missed) process.stdout.write(`  missed ${label.kind}: ${label.value}\n`);
      for (const wrong of miss.wrong) process.stdout.write(`  wrong  ${wrong.kind}: ${wrong.text}\n`);
    }
  }
  if (argv.includes('--write-docs')) {
    const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Reading the player\n';
    writeFileSync(DOC, replaceSection(doc, '## Facts', docsSection(score)));
    process.stdout.write(`wrote the Facts section of ${DOC}\n`);
  }
  process.stdout.write(`recall ${recall(score.all).toFixed(2)} precision ${precision(score.all).toFixed(2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
