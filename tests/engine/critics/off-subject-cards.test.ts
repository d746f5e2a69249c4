/**
 * A reply about something else under a large character card. Seraphina's card (SillyTavern's default, about two
 * thousand tokens with its lorebook) uses much of everyday English, so a reply on any subject met a tenth of its words
 * there and passed as "in the story". The off-subject replies are real model text from another conversation
 * (tests/corpora/off-subject, MT-bench answers); the in-story replies are the real corpus's, under their own cards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { critiqueContext, loadWorld, parseCritiqueInput } from '../../../src/cli/critique-run.js';
import { answersElsewhere } from '../../../src/engine/critics/answers-elsewhere.js';
import { ignoresUser } from '../../../src/engine/critics/ignores-user.js';
import { settle } from '../../../src/engine/critics/index.js';
import { loadLanguageDetector } from '../../../src/engine/critics/language-id.js';
import { packVocabulary } from '../../../src/engine/critics/pack-vocabulary.js';
import { importCard } from '../../../src/world/import/index.js';
import type { WorldPack } from '../../../src/world/types.js';
import { CORPUS_DIR, CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../../support/corpus.js';

await loadLanguageDetector();

const SERAPHINA = join(CORPUS_DIR, '..', '..', 'fixtures', 'sillytavern', 'Seraphina.png');
const seraphinaPresent = existsSync(SERAPHINA);
if (!seraphinaPresent) console.warn(`skipped: Seraphina's card is not at ${SERAPHINA} (a fresh clone has no ../shared)`);
warnIfCorpusAbsent('the in-story replies under large cards');

// The player's line seen in hand play, after Seraphina's first message.
const ASKED = '*I sit up slowly.* "Where am I? How long was I out?"';

interface Reply {
  id: string;
  response: string;
}
const offSubject: Reply[] = readFileSync(fileURLToPath(new URL('../../corpora/off-subject/replies.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Reply);

function asked(pack: WorldPack, history: Array<{ role: string; content: string }>, response: string) {
  const document = JSON.stringify({ history: [...history, { role: 'user', content: ASKED }], response });
  return critiqueContext({ pack } as Parameters<typeof critiqueContext>[0], parseCritiqueInput(document));
}

describe.skipIf(!seraphinaPresent)('ignores-user under a large card', async () => {
  const seraphina = seraphinaPresent ? (await importCard(SERAPHINA)).pack : undefined;
  const run = (response: string) => {
    const pack = seraphina as WorldPack;
    const ctx = asked(pack, [{ role: 'assistant', content: pack.openings[0].text }], response);
    return settle(ignoresUser(response, ctx));
  };

  it('reads only the card’s most used words as its subject, so an answer from another conversation is a hint', () => {
    expect(packVocabulary(seraphina as WorldPack).words.size).toBeGreaterThan(400);
    // "grace" and "magic" are the card's; the blog's hula, culture, cuisine and islands are not.
    const blog = offSubject.find((r) => r.id === 'mtb-vicuna13-q81-t1-p2');
    const result = run(blog?.response ?? '');
    expect(result.flagged).toBe(false);
    expect(result.hint).toBe(true);
    expect(result.evidence[0]?.why).toContain('takes up none of it');
    // The reply seen in hand play (the one ignores-user.test.ts holds under the small pack).
    const books =
      'Ah, C++. A language of great power and complexity. I recommend "The C++ Programming Language" by Bjarne Stroustrup, the creator of C++, and "Effective C++" by Scott Meyers.';
    expect(run(books).hint).toBe(true);
    expect(run(books).evidence[0]?.why).toContain('takes up none of it');
  });

  it('finds something on half of the real off-subject replies, and leaves those holding an answer’s form alone', () => {
    const found = offSubject.filter((r) => run(r.response).evidence.length > 0).map((r) => r.id.replace('mtb-vicuna13-', ''));
    // Four pure narrations were found before; the blog's second paragraph is new. "Two weeks" (a time), "This is" (a
    // place) and a sentence opening on "In" answer the form asked, and the email and the painting share the card's
    // "hope", "find", "night": left.
    expect(found).toEqual(['q81-t1-p2', 'q85-t1', 'q86-t1', 'q152-t2-s1', 'q153-t1-p2']);
  });
});

describe.skipIf(!corpusPresent)('answers-elsewhere on in-story replies under large cards', () => {
  it('calls no real reply under a card of more than two hundred words off the subject, whatever closed question it met', async () => {
    const cases = readFileSync(CORPUS_FILE, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; world: string; history: Array<{ role: string; content: string }>; response: string });
    let large = 0;
    for (const c of cases) {
      const { pack } = await loadWorld(join(dirname(CORPUS_FILE), c.world));
      if (packVocabulary(pack).words.size <= 200) continue;
      large++;
      expect(answersElsewhere(c.response, asked(pack, c.history, c.response)), c.id).toBeUndefined();
    }
    expect(large).toBeGreaterThanOrEqual(20);
  });
});
