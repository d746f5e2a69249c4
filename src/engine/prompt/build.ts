/**
 * The prompt builder: one system message (rules, setting, laws, characters, persona, lore, memory),
 * the recent story as user/assistant turns, and the planner's directive last. The whole fits the
 * budget minus the reply: history goes first, then lore, then the summary, then detail; the laws
 * and the fact ledger are never dropped.
 */
import { activateLore } from '../lore/activate.js';
import { loreSources } from '../lore/sources.js';
import { resolveMacros, type MacroContext } from '../macros.js';
import { copyVariables, noVariables, type MacroVariables } from '../variables.js';
import { VariablePass } from './variable-pass.js';
import { renderMemory } from '../memory/render.js';
import { seededRandom } from '../random.js';
import { MESSAGE_OVERHEAD } from '../tokens.js';
import { promptedLore, promptedText } from '../regex/scripts.js';
import type { BuiltPrompt, ChatMessage, LoreFiring, MemoryState, PromptBreakdown, StoryMessage, StoryParts } from '../types.js';
import type { LoreEntry } from '../../world/types.js';
import { localeFor } from './locale.js';
import { cardMacroValues, cutParagraph, foldedPersonality, mesExamplesText, mesExamplesWithLore } from '../../world/card-fields.js';
import {
  charactersInPlay,
  charName,
  exampleLine,
  renderCharacters,
  SHOWN_EXAMPLES,
  renderDirective,
  renderLaws,
  loreSection,
  personalityIn,
  scenarioIn,
  renderPersona,
  renderSetting,
} from './sections.js';
import { stopSequences } from './stop.js';
import { DEFAULT_NOTE_DEPTH, noteDue } from './authors-note.js';
import { afterChatMessages } from './chat-preset.js';
import { inChatSlots, isInjected, placeInChat } from './in-chat.js';
import { personaPlacement } from './persona-place.js';
import { layerRules } from './original.js';
import type { PromptRoom } from './overflow.js';
import type { PromptInput } from './types.js';

export const DEFAULT_BUDGET = 8192;
export const DEFAULT_HISTORY_MESSAGES = 12;
/** Tokens the chat format adds to prime the reply. */
const REPLY_PRIMING = 3;
/** Sections are joined by a blank line; budget one token per join in case BPE does not merge it. */
const JOIN_TOKENS = 1;

/** Builds the messages for one request and explains where every token went. */
export function buildPrompt(input: PromptInput): BuiltPrompt {
  const { pack, opening, persona, plan, counter } = input;
  const t = localeFor(pack.language);
  const budget = input.budget > 0 ? input.budget : DEFAULT_BUDGET;
  const available = Math.max(0, budget - Math.max(0, input.maxReplyTokens));
  const characters = charactersInPlay(pack, opening, plan);
  const last = input.history[input.history.length - 1];
  const lastOf = (role: StoryMessage['role']) => input.history.findLast((m) => m.role === role)?.text;
  const lastUserMessage = lastOf('player');
  const lastCharMessage = lastOf('narrator');
  const names: MacroContext = {
    user: persona.name,
    char: charName(characters),
    turn: input.turn,
    ...input.macros,
    ...(last ? { lastMessage: last.text, lastMessageId: input.history.length - 1 } : {}),
    ...(lastUserMessage !== undefined ? { lastUserMessage } : {}),
    ...(lastCharMessage !== undefined ? { lastCharMessage } : {}),
    ...(last?.role === 'player' ? { input: last.text } : {}),
    maxPrompt: available,
    group: characters.map((c) => c.nickname ?? c.name),
  };
  // `{{personality}}` and `{{mesExamples}}`: the card's, for the character `{{char}}` names.
  const lead = characters[0];
  const folded = lead ? foldedPersonality(lead, pack) : undefined;
  // Lore at an outlet (SillyTavern's position 7) goes only where a text writes {{outlet::NAME}}.
  let outletEntries: LoreEntry[] = [];
  const outletsPlaced = new Set<string>();
  let inOutlet = false;
  const outlet = (name: string): string | undefined => {
    // An outlet's own text opens no other outlet: it is left as written there.
    if (inOutlet) return undefined;
    inOutlet = true;
    try {
      const texts = outletEntries.filter((e) => e.outlet === name).map((e) => macro(e.text).trim());
      if (texts.length > 0) outletsPlaced.add(name);
      return texts.filter(Boolean).join('\n');
    } finally {
      inOutlet = false;
    }
  };
  const macroContext: MacroContext = { ...names, ...cardMacroValues(lead, pack, (text) => resolveMacros(text, names)), outlet };
  // The texts of the prompt that change variables change them once (variable-pass.ts); the rest
  // read the variables as those left them, each on a copy: what one of them sets is its own.
  const pass = new VariablePass(input.variables?.after ?? noVariables(), (text, vars) => resolveMacros(text, { ...macroContext, vars }));
  // A message keeps the rolls of its own turn, so the same message reads the same in every prompt.
  const macro = (text: string, turn = input.turn, vars: MacroVariables = pass.after): string =>
    resolveMacros(text, { ...(turn === input.turn ? macroContext : { ...macroContext, turn }), vars: copyVariables(vars) });
  /** History message `index`, reading the variables as they stood before it. */
  const messageMacro = (index: number): string => {
    const m = input.history[index];
    // A card's promptOnly scripts change what the model reads of a message, by its depth from the newest.
    const sent = promptedText(pack, persona.name, m.role, m.text, input.history.length - 1 - index);
    const text = macro(sent, m.turn, input.variables?.before[index]);
    // A preset's names_behavior 2 (Message Content): each message begins with who says it.
    return input.chatPreset?.namesInContent ? `${m.role === 'player' ? persona.name : names.char}: ${text}` : text;
  };

  // Lore first: its own budget, reported in full whether or not it survives the squeeze below.
  const loreBudget = Math.max(0, input.loreBudget ?? Math.floor(budget * 0.15));
  const activation = activateLore(input.lore, {
    messages: input.history,
    turn: input.turn,
    scanDepth: input.scanDepth,
    budget: loreBudget,
    counter,
    present: characters.flatMap((c) => [c.id, c.name, ...(c.nickname ? [c.nickname] : [])]),
    ...(input.trigger ? { trigger: input.trigger } : {}),
    // Only read by entries with matchSources (SillyTavern's matchPersonaDescription ...).
    ...(input.lore.matchesSources ? { sources: loreSources(pack, persona, lead) } : {}),
    ...(input.loreState ? { random: seededRandom(input.loreState.seed), lastFired: input.loreState.lastFired } : {}),
  });
  // Lore that fired first (SillyTavern scans World Info before it lays out the prompt around it),
  // then, top to bottom, the system prompts, the author's note and the post-history instructions.
  // A card's WORLD_INFO regex scripts change each entry's text as it goes in (regex/scripts.ts); one they empty stays out.
  const emptied = new Set<string>();
  const passed = activation.active.flatMap((e) => {
    const scripted = promptedLore(pack, persona.name, e);
    if (!scripted.trim() && e.text.trim()) {
      emptied.add(e.id);
      return [];
    }
    const text = pass.text(scripted);
    return text === e.text ? [e] : [{ ...e, text }];
  });
  // Outlet entries are not squeezed out: their text is counted where a text places it.
  let lore: LoreEntry[] = passed.filter((e) => e.position !== 'outlet');
  outletEntries = passed.filter((e) => e.position === 'outlet');
  // {{mesExamples}} carries the lore placed before and after the examples, as SillyTavern's does.
  const resolveNames = (text: string) => resolveMacros(text, names);
  const loreText = (position: LoreEntry['position']) => lore.filter((e) => e.position === position).map((e) => resolveNames(e.text));
  if (lore.some(amongExamples))
    macroContext.mesExamples = mesExamplesWithLore(
      (lead?.examples ?? []).map(resolveNames),
      loreText('before_examples'),
      loreText('after_examples'),
    );
  const loreFired: LoreFiring[] = activation.fired.filter((f) => !emptied.has(f.id));
  const loreCut: LoreFiring[] = [...activation.cut];

  // The player's and the world's system prompts over skald's rules, `{{original}}` keeping them.
  const layered = layerRules(t.rules(pack, persona.name), { ...input.systemPrompts, world: pack.style.systemPrompt });
  // A card's post-history instructions follow the chat; `{{original}}` in them is the directive,
  // or the preset's Post-History Instructions they take the place of (chat-preset.ts).
  const instructions = pack.style.postHistoryInstructions?.trim() ?? '';
  const preset = input.chatPreset;
  const note = input.authorsNote;
  const rulesSource = pass.text(layered.text);
  const noteSource = note && noteDue(note, input.turn) ? pass.text(note.text) : '';
  const injectionSources = (preset?.injections ?? []).map((p) => ({ ...p, text: pass.text(p.text) }));
  const afterSources = (preset?.afterChat ?? []).map((p) => ({ ...p, text: p.text ? pass.text(p.text) : '' }));
  const instructionsSource = instructions ? pass.text(instructions) : '';
  const prefillSource = preset?.assistantPrefill ? pass.text(preset.assistantPrefill) : '';
  // Every text that changes a variable has been through the pass: the rest read what it left.
  const rules = macro(rulesSource);
  const formats = preset?.formats;
  // A preset's scenario_format wraps the setting (the card's scenario) as SillyTavern wraps it, when there is one.
  const setting = macro(
    formats?.scenario && pack.setting.trim()
      ? renderSetting(pack, opening, t, scenarioIn(formats.scenario, pack.setting.trim()))
      : renderSetting(pack, opening, t),
  );
  const laws = macro(renderLaws(pack, t));
  // A persona placed in the chat or nowhere leaves the system prompt its name and ties alone (persona-place.ts).
  const personaPlace = personaPlacement(persona);
  const personaText = macro(renderPersona(personaPlace.inSystem ? persona : { ...persona, persona: '' }, pack, t));
  const personaChat = personaPlace.inSystem ? '' : macro(persona.persona).trim();
  const directive = macro(renderDirective(plan, t));
  const noteText = noteSource ? macro(noteSource).trim() : '';
  const after = afterChatMessages(afterSources, instructionsSource, renderDirective(plan, t), macro);
  const postHistory = after.messages;
  const directiveApart = !after.keepsDirective;
  const injections = injectionSources.map((p) => ({ ...p, text: macro(p.text).trim() })).filter((p) => p.text);
  const prefill = prefillSource ? macro(prefillSource) : '';
  // A system prompt, post-history text or note that places them itself takes them out of the
  // characters section, so the prompt says them once.
  const asked = (name: RegExp) =>
    [
      layered.text,
      instructions,
      noteText ? note?.text : '',
      ...afterSources.map((p) => p.text),
      ...injectionSources.map((p) => p.text),
    ].some((text) => text && name.test(text));
  const personalityApart = folded !== undefined && asked(/\{\{\s*personality\s*\}\}/i);
  const examplesApart = asked(/\{\{\s*mesExamples(?:Raw)?\s*\}\}/i);
  const shownCharacters = characters.map((c) =>
    c !== lead
      ? c
      : {
          ...c,
          ...(personalityApart && folded ? { persona: cutParagraph(c.persona, folded.paragraph) } : {}),
          // A preset's personality_format in place of skald's label.
          ...(!personalityApart && folded && formats?.personality
            ? { persona: c.persona.replace(folded.paragraph, () => personalityIn(formats.personality as string, folded.value)) }
            : {}),
          ...(examplesApart ? { examples: [] } : {}),
        },
  );
  let characterDetail: 0 | 1 | 2 = 0;
  let summaryLines = input.memory.summary.split('\n').filter((l) => l.trim() !== '');

  // History: newest first, within its own budget and message cap, then the overall squeeze.
  const historyBudget = Math.max(0, input.historyBudget ?? Math.floor(budget * 0.3));
  const maxMessages = Math.max(1, input.maxHistoryMessages ?? DEFAULT_HISTORY_MESSAGES);
  // Only the messages that can enter the window are counted: a 10,000-turn story costs no more.
  const historyCost = new Map<number, number>();
  const costOf = (index: number): number => {
    let cost = historyCost.get(index);
    if (cost === undefined) {
      cost = counter.countMessage(messageMacro(index));
      historyCost.set(index, cost);
    }
    return cost;
  };
  let historyCount = 0;
  let historyTokens = 0;
  for (let i = input.history.length - 1; i >= 0 && historyCount < maxMessages; i--) {
    // The newest message (the player's input) always gets in while the squeeze allows it.
    if (historyCount > 0 && historyTokens + costOf(i) > historyBudget) break;
    historyTokens += costOf(i);
    historyCount += 1;
  }

  const count = (text: string): number => (text ? counter.count(text) : 0);
  // Lore placed in the chat rather than the system message: at a depth, or the author's note slot.
  const injectedTokens = (): number => lore.filter(isInjected).reduce((sum, e) => sum + counter.countMessage(macro(e.text)), 0);
  const injectionTokens = injections.reduce((sum, p) => sum + counter.countMessage(p.text), 0);
  const prefillTokens = prefill ? counter.countMessage(prefill) : 0;
  // In the author's note slot only on a turn that carries the note, as SillyTavern adds it to a note it sends.
  const personaInNote = personaChat !== '' && personaPlace.note !== undefined && (!note || noteDue(note, input.turn));
  const personaInChat = personaInNote || (personaChat !== '' && personaPlace.depth !== undefined);
  const personaChatTokens = personaInChat ? counter.countMessage(personaChat) : 0;
  // Lore at SillyTavern's positions 5 and 6 goes around the lead's examples while they are shown.
  const examplesShown = () => characterDetail === 0 && !examplesApart && shownCharacters.length > 0;
  const examplesAround = () =>
    examplesShown()
      ? {
          before: lore.filter((e) => e.position === 'before_examples').map((e) => e.text),
          after: lore.filter((e) => e.position === 'after_examples').map((e) => e.text),
        }
      : undefined;
  const memoryOf = (): MemoryState => ({ ...input.memory, summary: summaryLines.join('\n') });
  const sections = () => {
    const list = {
      system: [rules, setting].filter(Boolean).join('\n\n'),
      laws,
      loreBefore: macro(
        loreSection(
          lore.filter((e) => e.position === 'before_characters'),
          t,
          formats?.worldInfo,
        ),
      ),
      characters: macro(renderCharacters(shownCharacters, pack, persona, t, characterDetail, examplesAround())),
      persona: personaText,
      lore: macro(
        loreSection(
          // Lore placed among examples that are not shown goes with the lore after the characters,
          // unless a text places the examples with {{mesExamples}}, which carries it.
          lore.filter(
            (e) =>
              e.position === undefined || e.position === 'after_characters' || (!examplesShown() && !examplesApart && amongExamples(e)),
          ),
          t,
          formats?.worldInfo,
        ),
      ),
      memory: macro(renderMemory(memoryOf(), pack.language)),
    };
    return list;
  };
  const estimate = (s: ReturnType<typeof sections>): number => {
    const parts = Object.values(s).filter(Boolean);
    return parts.reduce((sum, p) => sum + count(p), 0) + (parts.length - 1) * JOIN_TOKENS + MESSAGE_OVERHEAD;
  };
  const directiveTokens = counter.countMessage(directive) + REPLY_PRIMING;
  const postHistoryTokens =
    postHistory.length > 0
      ? postHistory.reduce((sum, m) => sum + counter.countMessage(m.content), 0) - (directiveApart ? 0 : counter.countMessage(directive))
      : 0;
  const noteTokens = noteText ? counter.countMessage(noteText) : 0;

  // Shrink step by step until the estimate fits, then confirm with an exact count.
  let current = sections();
  let systemTokens = estimate(current);
  let slack = 0;
  const fixedTokens = directiveTokens + postHistoryTokens + noteTokens + injectionTokens + prefillTokens + personaChatTokens;
  const total = (): number => systemTokens + historyTokens + fixedTokens + slack + injectedTokens();
  for (;;) {
    while (total() > available) {
      if (!shrink()) break;
      current = sections();
      systemTokens = estimate(current);
    }
    const exact = exactTokens(current, counter) + MESSAGE_OVERHEAD;
    if (exact <= systemTokens || total() > available) {
      systemTokens = exact;
      break;
    }
    // The estimate was low: reserve the difference and squeeze again.
    slack += exact - systemTokens;
  }

  function shrink(): boolean {
    if (historyCount > 1) {
      historyCount -= 1;
      historyTokens -= costOf(input.history.length - historyCount - 1);
      return true;
    }
    if (lore.length > 0) {
      const dropped = lore[lore.length - 1];
      lore = lore.slice(0, -1);
      const index = loreFired.findIndex((f) => f.id === dropped.id);
      if (index >= 0) loreCut.push(...loreFired.splice(index, 1));
      return true;
    }
    if (summaryLines.length > 0) {
      summaryLines = summaryLines.slice(1);
      return true;
    }
    if (characterDetail < 2) {
      characterDetail = (characterDetail + 1) as 1 | 2;
      return true;
    }
    if (historyCount > 0) {
      historyCount = 0;
      historyTokens = 0;
      return true;
    }
    return false;
  }

  const first = input.history.length - historyCount;
  const window: StoryMessage[] = input.history.slice(first);
  const chat = window.map((m, i): ChatMessage => ({ role: m.role === 'player' ? 'user' : 'assistant', content: messageMacro(first + i) }));
  const messages: ChatMessage[] = [
    { role: 'system', content: joinSystem(current) },
    ...placeInChat(
      chat,
      inChatSlots(lore.filter(isInjected), macro, { depth: note?.depth ?? DEFAULT_NOTE_DEPTH, text: noteText }, injections, {
        ...personaPlace,
        text: personaInChat ? personaChat : '',
      }),
    ),
    ...postHistory,
    ...(directiveApart ? [{ role: 'system' as const, content: directive }] : []),
    // The prefill last: the model writes on from it (chat-preset.ts), and the reply is joined to it.
    ...(prefill ? [{ role: 'assistant' as const, content: prefill }] : []),
  ];

  const injected = injectedTokens();
  // Lore among the examples is inside the characters section; it is counted as lore.
  const loreAmongExamples = examplesShown()
    ? lore.filter(amongExamples).reduce((sum, e) => sum + count(`\n${exampleLine(macro(e.text), t)}`), 0)
    : 0;
  const loreInSystem = count(current.lore) + count(current.loreBefore) + loreAmongExamples;
  const personaInSystem = count(current.persona);
  const sectionTokens = {
    laws: count(current.laws),
    characters: count(current.characters) - loreAmongExamples,
    persona: personaInSystem + personaChatTokens,
    lore: loreInSystem + injected,
    memory: count(current.memory),
  };
  // The player's line did not fit: what took its room, for the sentence that says so (overflow.ts).
  const room: PromptRoom | undefined =
    historyCount === 0 && input.history.length > 0
      ? {
          budget,
          reply: budget - available,
          message: costOf(input.history.length - 1),
          parts: {
            systemPrompt: layered.source ? count(rules) : 0,
            note: noteTokens,
            persona: sectionTokens.persona,
            facts: sectionTokens.memory,
            lore: sectionTokens.lore,
            world:
              systemTokens -
              (layered.source ? count(rules) : 0) -
              personaInSystem -
              sectionTokens.memory -
              loreInSystem +
              directiveTokens +
              postHistoryTokens +
              injectionTokens +
              prefillTokens,
          },
          ...(layered.source ? { systemPromptSource: layered.source } : {}),
        }
      : undefined;
  const breakdown: PromptBreakdown = {
    system: systemTokens - sectionTokens.laws - sectionTokens.characters - personaInSystem - loreInSystem - sectionTokens.memory,
    ...sectionTokens,
    history: historyTokens,
    directive: directiveTokens,
    ...(note ? { note: noteTokens } : {}),
    ...(postHistory.length > 0 ? { postHistory: postHistoryTokens } : {}),
    ...(injections.length > 0 ? { injections: injectionTokens } : {}),
    ...(prefill ? { prefill: prefillTokens } : {}),
  };
  const storyParts = Object.fromEntries(
    Object.entries({
      description: current.characters,
      scenario: setting,
      persona: current.persona,
      loreBefore: current.loreBefore,
      loreAfter: current.lore,
      char: charName(characters),
      ...insideParts(),
    }).filter(([, text]) => text !== ''),
  ) as StoryParts;

  /** The card's personality and the examples the characters section shows, for a story string that places them apart. */
  function insideParts(): Partial<StoryParts> {
    const out: Partial<StoryParts> = {};
    const paragraph = folded && !personalityApart ? macro(folded.paragraph) : undefined;
    if (paragraph !== undefined && current.characters.includes(paragraph))
      Object.assign(out, { personality: macroContext.personality, personalityText: paragraph });
    const shown = characterDetail === 0 && !examplesApart ? (lead?.examples ?? []).slice(0, SHOWN_EXAMPLES) : [];
    const lines = macro(shown.map((e) => exampleLine(e, t)).join('\n'));
    if (shown.length > 0 && current.characters.includes(lines))
      Object.assign(out, { mesExamples: mesExamplesText(shown.map((e) => macro(e))), examplesText: lines });
    return out;
  }
  const changes = pass.changes();
  return {
    messages,
    ...(prefill ? { prefill } : {}),
    storyParts,
    ...(room ? { room } : {}),
    ...(changes ? { variables: changes } : {}),
    diagnostics: {
      tokens: systemTokens + historyTokens + fixedTokens + injected,
      budget,
      breakdown,
      lore: [...lore, ...outletEntries.filter((e) => e.outlet !== undefined && outletsPlaced.has(e.outlet))].map((e) => e.id),
      loreFired,
      loreCut,
      ...(activation.suppressed.length > 0
        ? { loreSkipped: activation.suppressed.map(({ id, key, turn, excerpt, reason }) => ({ id, key, turn, excerpt, reason })) }
        : {}),
      memoryTokens: sectionTokens.memory,
      historyMessages: historyCount,
      stop: stopSequences(persona.name, pack.language),
      ...(note ? { authorsNote: { depth: note.depth, every: note.every, inserted: noteText !== '', tokens: noteTokens } } : {}),
      ...(layered.source ? { systemPrompt: { source: layered.source, keepsSkald: layered.keepsSkald } } : {}),
      ...(postHistory.length > 0 ? { postHistory: { tokens: postHistoryTokens, keepsDirective: !directiveApart, from: after.from } } : {}),
      ...(injections.length > 0 ? { injections: injections.map((p) => ({ name: p.name, depth: p.depth, role: p.role })) } : {}),
    },
  };
}

/**
 * Exactly the tokens of `joinSystem(sections)`, counting each section (with its joining blank line)
 * through the cache, so only the sections that changed since the last turn (lore, memory) are
 * encoded. BPE never merges across a pre-token boundary, and a "\n\n" join ends a pre-token
 * unless the next section starts with whitespace or "/"; then the whole text is counted.
 */
function exactTokens(sections: Record<string, string>, counter: PromptInput['counter']): number {
  const parts = Object.values(sections).filter(Boolean);
  if (parts.some((part, i) => i > 0 && /^[\s/]/.test(part))) return counter.countOnce(parts.join('\n\n'));
  return parts.reduce((sum, part, i) => sum + counter.count(i < parts.length - 1 ? `${part}\n\n` : part), 0);
}

function joinSystem(sections: Record<string, string>): string {
  return Object.values(sections).filter(Boolean).join('\n\n');
}

const amongExamples = (e: LoreEntry): boolean => e.position === 'before_examples' || e.position === 'after_examples';
