/**
 * Text completion (`/v1/completions`), the mode KoboldCpp, llama.cpp's server, text-generation-webui
 * and TabbyAPI are most often driven in: the chat messages rendered through an instruct template
 * into one prompt, the template's stop strings put before the turn's own, and the streamed
 * `choices[].text` read as the chat stream's deltas, so that retries, timeouts, reasoning and
 * candidates behave exactly as in chat mode.
 */
import type OpenAI from 'openai';
import type { CompletionCreateParamsNonStreaming } from 'openai/resources/completions';
import type { GenerateRequest, PromptEnding, ProviderEvent, Usage } from '../../engine/types.js';
import type { ResolvedProfile } from '../../config/profiles.js';
import type { ChosenTemplate } from '../instruct/catalog.js';
import { renderPrompt, type RenderedPrompt } from '../instruct/render.js';
import { THINK_TAGS, type ReasoningTags } from '../think.js';
import { requestBody, type StreamChunk, type StreamJob } from './stream.js';

/** Who speaks in the prompt: the player, by name, when the template shows names. */
export interface Speakers {
  user?: string;
  char?: string;
}

/**
 * The speakers of a request's prompt. skald's model narrates the scene rather than speaking as one
 * character, so its turns carry no name (a name there would turn the opening's narration into one
 * character's line); the player's lines carry the player's.
 */
export function speakersOf(request: GenerateRequest): Speakers {
  const user = (request.context as Partial<GenerateRequest['context']> | undefined)?.persona?.name;
  return user ? { user } : {};
}

/** The fields both the streamed and the whole request send. */
type Body = Omit<CompletionCreateParamsNonStreaming, 'stream'>;

type Job = Pick<StreamJob, 'messages' | 'maxTokens' | 'temperature' | 'stop'>;

/** The request body: the chat body's settings, with the rendered prompt in place of the messages. */
export function completionBody(
  profile: ResolvedProfile,
  model: string,
  job: Job,
  n: number,
  template: ChosenTemplate,
  speakers: Speakers,
  ending?: PromptEnding,
): { body: Body; rendered: RenderedPrompt } {
  const rendered = renderPrompt(job.messages, template.instruct, {
    ...speakers,
    ...(template.context ? { context: template.context } : {}),
    ...(ending ? { ending } : {}),
  });
  // The template's end-of-turn comes first: OpenAI keeps only four stop strings.
  const stop = [...new Set([...rendered.stop, ...job.stop])];
  const {
    messages: _messages,
    max_completion_tokens: maxCompletion,
    ...rest
  } = requestBody(profile, model, { ...job, stop }, n) as ReturnType<typeof requestBody> & { max_completion_tokens?: number };
  const body = { ...rest, prompt: rendered.prompt, ...(maxCompletion !== undefined ? { max_tokens: maxCompletion } : {}) };
  return { body: body, rendered };
}

/**
 * Opens one streamed text completion for a job; its chunks come out in the chat stream's shape.
 * `emit` hears how many control sequences the prompt's message text had broken, when any.
 */
export function completionsOpener(
  client: OpenAI,
  profile: ResolvedProfile,
  model: string,
  template: ChosenTemplate,
  request: GenerateRequest,
  connectTimeoutMs: number,
  emit: (event: ProviderEvent) => void = () => {},
  tags: ReasoningTags = THINK_TAGS,
): (job: StreamJob, signal: AbortSignal) => Promise<AsyncIterable<StreamChunk>> {
  const speakers = speakersOf(request);
  return async (job, signal) => {
    const ending = request.candidates[job.candidates[0]]?.ending;
    const { body, rendered } = completionBody(profile, model, job, job.candidates.length, template, speakers, ending);
    if (rendered.neutralised > 0)
      for (const candidate of job.candidates) emit({ type: 'neutralised', candidate, count: rendered.neutralised });
    const stream = await client.completions.create(
      { ...body, stream: true as const, stream_options: { include_usage: true } },
      { signal, timeout: connectTimeoutMs },
    );
    return asChatChunks(stream, opensThinking(rendered.prompt, tags) ? tags.open : '');
  };
}

/**
 * True when the prompt ends by opening the model's reasoning (a template whose reply sequence ends
 * in `<think>`, as SillyTavern's ChatML Thinking does, or in the reasoning template's opening tag):
 * the completion then starts inside the block, and is read as if it had opened it, so the
 * reasoning goes to the debug pane, not the story.
 */
export function opensThinking(prompt: string, tags: ReasoningTags = THINK_TAGS): boolean {
  return prompt.trimEnd().endsWith(tags.open);
}

/** `opening` is the tag put before each choice's first text (empty when the prompt opened no block). */
async function* asChatChunks(stream: AsyncIterable<OpenAI.Completions.Completion>, opening: string): AsyncIterable<StreamChunk> {
  const opened = new Set<number>();
  for await (const chunk of stream) {
    yield {
      choices: (chunk.choices ?? []).map((choice) => {
        const first = opening !== '' && !opened.has(choice.index);
        if (first) opened.add(choice.index);
        return {
          index: choice.index,
          delta: { content: first ? `${opening}${choice.text}` : choice.text },
          finish_reason: choice.finish_reason ?? null,
        };
      }),
      usage: chunk.usage ?? null,
    };
  }
}

/** One whole (unstreamed) text completion for the summary, the judge or the simulated player. */
export async function completeText(
  client: OpenAI,
  profile: ResolvedProfile,
  model: string,
  template: ChosenTemplate,
  job: Job,
  request: { signal?: AbortSignal; timeout: number; ending?: PromptEnding; reasoning?: ReasoningTags },
): Promise<{ content: string; usage?: Usage }> {
  const { body, rendered } = completionBody(profile, model, job, 1, template, {}, request.ending);
  const reply = await client.completions.create({ ...body, stream: false as const }, { signal: request.signal, timeout: request.timeout });
  const usage = reply.usage
    ? { promptTokens: reply.usage.prompt_tokens, completionTokens: reply.usage.completion_tokens, totalTokens: reply.usage.total_tokens }
    : undefined;
  const text = reply.choices[0]?.text ?? '';
  const tags = request.reasoning ?? THINK_TAGS;
  return { content: opensThinking(rendered.prompt, tags) ? `${tags.open}${text}` : text, ...(usage ? { usage } : {}) };
}

/** The sentence for a 404 from a server that serves the model but not `/completions`. */
export function noCompletionsMessage(profile: ResolvedProfile): string {
  const switchBack = profile.source === 'profile' ? `\`skald profiles set ${profile.name} api chat\`` : 'leave out `--api completions`';
  return `The endpoint at ${profile.baseURL} has no text completions (/completions answered 404): it may offer chat completions only; use chat mode (${switchBack}), or check the base URL.`;
}
