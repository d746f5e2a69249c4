// A V3 card's `creator_notes_multilingual` was kept on import and shown nowhere: the banner over
// the story and the /world overlay said the card's `creator_notes` whatever the player's language.
// Both now say the notes in the player's language (the terminal's locale, through the services)
// when the card has them, neutralised like any pack text; else the creator notes as before.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { cardToPack } from '../../src/world/import/card.js';
import { creatorNotes } from '../../src/commands/texts.js';
import { fileServices, localeLanguage } from '../../src/cli/file-services.js';
import { v2Card } from '../import/helpers.js';
import { KEYS, liveArea, makeSession, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const NOTES = {
  en: 'A quiet storm story.',
  ja: '静かな嵐の物語。灯台守のミラ。',
  'zh-TW': '安靜的風暴故事。',
};

function v3Pack(multilingual: Record<string, unknown> = NOTES) {
  const card = v2Card({});
  const data = { ...(card.data as Record<string, unknown>), creator_notes_multilingual: multilingual };
  return cardToPack('chara_card_v3', data, { ...card, spec: 'chara_card_v3', spec_version: '3.0', data }, 'card.json').pack;
}

describe("a card's creator notes in the player's language", () => {
  it('picks the exact tag, then the same language, else the creator notes', () => {
    const pack = v3Pack();
    expect(creatorNotes(pack, 'ja')).toBe(NOTES.ja);
    expect(creatorNotes(pack, 'ja-JP')).toBe(NOTES.ja);
    expect(creatorNotes(pack, 'zh-CN')).toBe(NOTES['zh-TW']);
    expect(creatorNotes(pack, 'de')).toBe('A quiet storm story.');
    expect(creatorNotes(pack, undefined)).toBe('A quiet storm story.');
    // A value that is no text is passed over.
    expect(creatorNotes(v3Pack({ fr: 42, ja: '' }), 'fr')).toBe('A quiet storm story.');
  });

  it('reads the language of the locale as gettext does', () => {
    expect(localeLanguage({ LANG: 'ja_JP.UTF-8' })).toBe('ja-JP');
    expect(localeLanguage({ LC_ALL: 'zh_TW', LANG: 'en_US.UTF-8' })).toBe('zh-TW');
    expect(localeLanguage({ LC_MESSAGES: 'de', LANG: 'en_US.UTF-8' })).toBe('de');
    expect(localeLanguage({ LANG: 'C.UTF-8' })).toBeUndefined();
    expect(localeLanguage({ LANG: 'POSIX' })).toBeUndefined();
    expect(localeLanguage({})).toBeUndefined();
  });

  it('shows them over the story and in /world, with no escape reaching the terminal', async () => {
    // The import neutralises a card's texts; the screen does again, so a pack from elsewhere cannot set the title.
    const pack = v3Pack();
    (pack.extensions?.card as { creator_notes_multilingual: Record<string, string> }).creator_notes_multilingual.ja =
      '静かな嵐の物語。\u001b]0;pwned\u0007灯台守のミラ。';
    const session = await makeSession({ pack });
    const app = renderApp(session, { services: { ...fileServices, language: () => 'ja-JP' } });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    expect(app.printed()).toContain('静かな嵐の物語。灯台守のミラ。');
    expect(app.printed()).not.toContain('A quiet storm story.');
    expect(app.printed()).not.toContain('\u001b]');
    app.type('/world');
    await tick();
    app.type(KEYS.enter);
    const overlay = liveArea(await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Esc closes'), 'the /world overlay'));
    expect(overlay).toContain('静かな嵐の物語。灯台守のミラ。');
    expect(overlay).not.toContain('pwned');
    // The card's macros read with the names, as in the opening: the setting and the character's persona.
    expect(overlay.replace(/\s+/g, ' ')).toContain(`A gale has stranded ${session.persona.name} at the lighthouse.`);
    expect(overlay).toContain('Mira Vale: Mira Vale is a lighthouse keeper');
    expect(overlay).not.toContain('{{');
  });

  it('names the player and the character in the banner, as /world does', async () => {
    // The banner printed the notes' {{user}} and {{char}} as written, where /world and the opening read them with the names.
    const card = v2Card({});
    const data = { ...(card.data as Record<string, unknown>), creator_notes: 'A storm strands {{user}} with {{char}}.' };
    const pack = cardToPack('chara_card_v2', data, { ...card, data }, 'card.json').pack;
    const session = await makeSession({ pack });
    const app = renderApp(session, { services: { ...fileServices, language: () => undefined } });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    expect(app.printed().replace(/\s+/g, ' ')).toContain(`A storm strands ${session.persona.name} with Mira Vale.`);
    expect(app.printed()).not.toContain('{{');
  });
});
