/**
 * Measures how the engine reads players on the labelled set (tests/corpora/player/messages.jsonl):
 * pacing direction agreement, waiting recall and precision, pivot recall and precision, OOC
 * recall. `--write-docs` writes the table into docs/player-reading.md; `--misses` lists every
 * message read differently from its label.
 *
 *   npm run measure:pacing [-- --write-docs] [-- --misses]
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIRECTION_THRESHOLD } from '../src/engine/pacing/cues.js';
import { confusionTable, measurePacing, pacingTable, parseLabelledMessages } from '../src/eval/player-reading.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const setPath = `${root}tests/corpora/player/messages.jsonl`;
const docPath = `${root}docs/player-reading.md`;
const HEADING = '## Pacing and waiting';

// `npm run measure:pacing | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const args = new Set(process.argv.slice(2));
const m = measurePacing(parseLabelledMessages(readFileSync(setPath, 'utf8')));
const table = pacingTable(m);
const heldoutConfusion =
  (m.heldout.messages > 0 ? `\n\nDirection, held-out real messages:\n\n${confusionTable(m.heldout)}` : '') +
  (m.heldout2.messages > 0 ? `\n\nDirection, held-out real messages 2:\n\n${confusionTable(m.heldout2)}` : '') +
  (m.heldout3.messages > 0 ? `\n\nDirection, held-out real messages 3:\n\n${confusionTable(m.heldout3)}` : '') +
  (m.heldout4.messages > 0 ? `\n\nDirection, held-out real messages 4:\n\n${confusionTable(m.heldout4)}` : '') +
  (m.heldout5.messages > 0 ? `\n\nDirection, held-out real messages 5:\n\n${confusionTable(m.heldout5)}` : '') +
  (m.heldout6.messages > 0 ? `\n\nDirection, held-out real messages 6:\n\n${confusionTable(m.heldout6)}` : '') +
  (m.heldout7.messages > 0 ? `\n\nDirection, held-out real messages 7:\n\n${confusionTable(m.heldout7)}` : '') +
  (m.heldout8.messages > 0 ? `\n\nDirection, held-out real messages 8:\n\n${confusionTable(m.heldout8)}` : '') +
  (m.heldout9.messages > 0 ? `\n\nDirection, held-out real messages 9:\n\n${confusionTable(m.heldout9)}` : '');
process.stdout.write(
  `${table}\n\nDirection, all messages (rows: labelled, columns: read):\n\n${confusionTable(m.all)}${heldoutConfusion}\n`,
);

if (args.has('--misses')) {
  for (const r of m.readings) {
    const wrong: string[] = [];
    if (r.direction !== r.row.direction) wrong.push(`direction ${r.row.direction} read ${r.direction}`);
    if (r.waiting !== r.row.waiting) wrong.push(`waiting ${r.row.waiting} read ${r.waiting}`);
    if (r.pivot !== r.row.pivot) wrong.push(`pivot ${r.row.pivot} read ${r.pivot}`);
    if (r.ooc !== r.row.ooc) wrong.push(`ooc ${r.row.ooc} read ${r.ooc}`);
    if (wrong.length)
      process.stdout.write(`${r.row.id} (${r.row.origin}) [${wrong.join('; ')}] ${r.row.text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
  }
}

if (args.has('--write-docs')) {
  const section = [
    HEADING,
    '',
    'Measured by `npm run measure:pacing -- --write-docs` on `tests/corpora/player/messages.jsonl`',
    '(real player messages from `../shared/corpora/critics-real/cases.jsonl`, labelled by hand, and',
    'authored hard cases; see `tests/corpora/player/PROVENANCE.md` for the labelling rules). A message',
    `reads fast when its cue score is at least +${DIRECTION_THRESHOLD}, slow at -${DIRECTION_THRESHOLD} or below (the planner's marks), neutral`,
    'otherwise; an OOC pace request decides the direction; a message that only waits reads neutral.',
    "Pivots are the planner's `detectPivot`; OOC is any out-of-character note `splitOoc` finds.",
    '',
    '`all` is the set the rules were tuned on (real and authored). The held-out column is real player',
    'messages the rules were never tuned on (SillyTavern logs from `Orion-zhen/roleplay-dataset`, nearly',
    'all Chinese; see the provenance file): it is kept out of `all` and says how the rules generalise.',
    "The second held-out column is English messages from a SillyTavern user's committed chats",
    '(`samainfirenight/MGB`), also never tuned on and kept out of `all`. The third is English table talk',
    "from a game master's campaign (CRD3, Critical Role transcripts) and crowdsourced LIGHT role-play,",
    'likewise never tuned on. The fourth is English table talk from another Critical Role episode (C1E033, from',
    '`albechen/critical-role-transcript-statistics`), labelled and committed before any reader ran on it.',
    'The fifth is a Second Life role-play chat log (`balp/RPLogTool`: several people posing live, short',
    'third-person emotes, `(( ))` asides), likewise labelled and committed before any reader ran on it.',
    'The sixth is role-play logs of the MUD Achaea (`tobiassjosten/nogfx-hugo`: speech, tells, clan channels',
    'and custom emotes typed live, a quest, banter and a wedding), likewise labelled and committed first.',
    "The seventh is the last episode of Critical Role's first campaign (`datengefluester/Critical-Role-NLP`,",
    'C1E115: the epilogue after the final battle, grief, a toast, farewells and a reunion), labelled and committed first.',
    'The eighth is another table and show, the actual-play podcast Dice Disasters (`allofthenorthwood/dice-disasters-transcripts`,',
    "episode 8: players narrating their characters, the characters' own lines, dice and table talk), labelled and committed first;",
    "its rows carry the line the player had just heard (`before`), which the readers are given, as the engine gives them the narrator's last reply.",
    'The ninth is another community, genre and language: a Chinese *Call of Cthulhu* game played by text in a QQ group (`Ashstar9527/trpg-logs`,',
    '擦枪走火: a human keeper, one investigator written in prose, dice-bot commands and table talk in full-width brackets), labelled and committed first, with the line before.',
    '',
    table,
    '',
    'Direction, all messages (rows: labelled, columns: read):',
    '',
    confusionTable(m.all),
    ...(m.heldout.messages > 0 ? ['', 'Direction, held-out real messages:', '', confusionTable(m.heldout)] : []),
    ...(m.heldout2.messages > 0 ? ['', 'Direction, held-out real messages 2:', '', confusionTable(m.heldout2)] : []),
    ...(m.heldout3.messages > 0 ? ['', 'Direction, held-out real messages 3:', '', confusionTable(m.heldout3)] : []),
    ...(m.heldout4.messages > 0 ? ['', 'Direction, held-out real messages 4:', '', confusionTable(m.heldout4)] : []),
    ...(m.heldout5.messages > 0 ? ['', 'Direction, held-out real messages 5:', '', confusionTable(m.heldout5)] : []),
    ...(m.heldout6.messages > 0 ? ['', 'Direction, held-out real messages 6:', '', confusionTable(m.heldout6)] : []),
    ...(m.heldout7.messages > 0 ? ['', 'Direction, held-out real messages 7:', '', confusionTable(m.heldout7)] : []),
    ...(m.heldout8.messages > 0 ? ['', 'Direction, held-out real messages 8:', '', confusionTable(m.heldout8)] : []),
    ...(m.heldout9.messages > 0 ? ['', 'Direction, held-out real messages 9:', '', confusionTable(m.heldout9)] : []),
    '',
  ].join('\n');
  const doc = existsSync(docPath)
    ? readFileSync(docPath, 'utf8')
    : '# Reading the player\n\nHow well skald reads what players write, measured on labelled real messages.\n\n';
  const start = doc.indexOf(HEADING);
  let next: string;
  if (start < 0) next = `${doc.replace(/\s*$/, '\n\n')}${section}`;
  else {
    const after = doc.indexOf('\n## ', start + HEADING.length);
    next = doc.slice(0, start) + section + (after < 0 ? '' : `\n${doc.slice(after + 1)}`);
  }
  writeFileSync(docPath, next.replace(/\n*$/, '\n'));
  process.stdout.write(`\nwrote ${docPath}\n`);
}
