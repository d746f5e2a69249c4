/**
 * Separates reasoning blocks (`<think>...</think>` unless a reasoning template names other tags)
 * from streamed story text. Models such as DeepSeek R1 and Qwen put their reasoning inline in
 * `content`; it belongs to the debug pane, never to the story.
 * Chunks arrive at arbitrary boundaries, so a tag may be split across them ("<th" + "ink>"): the
 * splitter holds back any tail that could still become a tag until the next chunk decides it.
 */
export interface ThinkParts {
  text: string;
  reasoning: string;
}

/** The tags that open and close a reasoning block, as the splitter matches them. */
export interface ReasoningTags {
  open: string;
  close: string;
  /** The reasoning template as written, for a block written back into a prompt (see `reasoningBlock`). */
  block?: ReasoningBlock;
}

/** A reasoning block as SillyTavern writes one into a prompt: prefix, reasoning, suffix, separator, then the reply. */
export interface ReasoningBlock {
  prefix: string;
  suffix: string;
  separator: string;
}

/** What a model uses when the player chose no reasoning template. */
export const THINK_TAGS: ReasoningTags = { open: '<think>', close: '</think>' };

/**
 * The block a reasoning is written back in: the reasoning template's own fields, else SillyTavern's
 * defaults for a model with no template (`<think>`, `</think>`, a newline; public/scripts/power-user.js).
 */
export function reasoningBlock(tags: ReasoningTags): ReasoningBlock {
  return tags.block ?? { prefix: tags.open, suffix: tags.close, separator: '\n' };
}

/**
 * The text a continued reply goes on from when it had reasoning, as SillyTavern's
 * PromptReasoning.addToMessage writes the message being continued (public/scripts/reasoning.js @
 * 885b6176; a continued message takes it whatever `add_to_prompts` says): prefix, reasoning,
 * suffix, separator, reply.
 */
export function withReasoning(reply: string, reasoning: string, block: ReasoningBlock): string {
  // Trimmed, as SillyTavern keeps a message's reasoning (trim_spaces, on by default).
  const text = reasoning.trim();
  return text ? `${block.prefix}${text}${block.suffix}${block.separator}${reply}` : reply;
}

/**
 * The tags of a SillyTavern reasoning template's `prefix` and `suffix`, without the whitespace
 * around them (DeepSeek's `<think>\n`): a model does not always write that newline, and the
 * splitter already drops the separator after the block.
 */
export function reasoningTags(template: { prefix: string; suffix: string; separator?: string }): ReasoningTags {
  return {
    open: template.prefix.trim(),
    close: template.suffix.trim(),
    block: { prefix: template.prefix, suffix: template.suffix, separator: template.separator ?? '\n' },
  };
}

/** Length of the longest suffix of `s` that is a proper prefix of `tag`. */
function partialTagSuffix(s: string, tag: string): number {
  const max = Math.min(s.length, tag.length - 1);
  for (let n = max; n > 0; n--) {
    if (tag.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}

export interface ThinkSplitter {
  /** Feeds one chunk; returns what can be released now. */
  push(chunk: string): ThinkParts;
  /** Releases anything held back at the end of the stream. */
  flush(): ThinkParts;
  /** True while inside an unclosed reasoning block. */
  readonly thinking: boolean;
}

/** A stateful splitter for one stream of content. */
export function createThinkSplitter(tags: ReasoningTags = THINK_TAGS): ThinkSplitter {
  // An empty tag would match everywhere; the importer refuses one, and this keeps `<think>` then.
  const { open: OPEN, close: CLOSE } = tags.open && tags.close ? tags : THINK_TAGS;
  let inside = false;
  let pending = '';
  // Leading whitespace after a closing tag is the model's separator, not story text.
  let trimNext = false;

  // The last character of story text released so far, to join text around a block cleanly.
  let last = '';
  const addText = (out: ThinkParts, segment: string) => {
    let seg = segment;
    if (trimNext && seg.length > 0) {
      // Whitespace after a closing tag is the model's separator: dropped at the start of the
      // story or where a space already ends the text before the block.
      if (last === '' || /\s/.test(last)) seg = seg.replace(/^\s+/, '');
      if (seg.length > 0) trimNext = false;
    }
    if (seg.length > 0) last = seg[seg.length - 1];
    out.text += seg;
  };

  const take = (): ThinkParts => {
    const out: ThinkParts = { text: '', reasoning: '' };
    for (;;) {
      const tag = inside ? CLOSE : OPEN;
      const at = pending.indexOf(tag);
      if (at >= 0) {
        if (inside) out.reasoning += pending.slice(0, at);
        else addText(out, pending.slice(0, at));
        pending = pending.slice(at + tag.length);
        inside = !inside;
        if (!inside) trimNext = true;
        continue;
      }
      const keep = partialTagSuffix(pending, tag);
      const release = pending.slice(0, pending.length - keep);
      pending = pending.slice(pending.length - keep);
      if (inside) out.reasoning += release;
      else addText(out, release);
      return out;
    }
  };

  return {
    push(chunk: string) {
      // Most chunks hold neither tag's first character and nothing is held back: no tag can start
      // in them, so all of it goes.
      if (pending === '' && !chunk.includes(OPEN[0]) && !chunk.includes(CLOSE[0])) {
        const out: ThinkParts = { text: '', reasoning: '' };
        if (inside) out.reasoning = chunk;
        else addText(out, chunk);
        return out;
      }
      pending += chunk;
      return take();
    },
    flush() {
      const out = take();
      // A tail that looked like the start of a tag was text (or reasoning) after all.
      if (inside) out.reasoning += pending;
      else addText(out, pending);
      pending = '';
      return out;
    },
    get thinking() {
      return inside;
    },
  };
}

/** Splits a whole, non-streamed reply. */
export function splitThink(content: string, tags: ReasoningTags = THINK_TAGS): ThinkParts {
  const splitter = createThinkSplitter(tags);
  const a = splitter.push(content);
  const b = splitter.flush();
  return { text: a.text + b.text, reasoning: a.reasoning + b.reasoning };
}
