/**
 * A small OpenAI-compatible HTTP server on 127.0.0.1 for tests: provider tests drive the real
 * `openai` SDK against it, and eval/bench tests use it as a deterministic model.
 *
 * ```ts
 * const server = await startOpenAIServer({ models: ['story-1'] });
 * server.setBehaviour((req) => ({ content: `You said: ${lastUserText(req)}` }));
 * // point a profile at server.url (http://127.0.0.1:PORT/v1) ...
 * server.enqueue({ status: 429, headers: { 'retry-after': '1' } }); // the next request only
 * expect(server.requests[0].body.stop).toEqual(['Tamsin:']);
 * await server.close();
 * ```
 *
 * Speaks `GET /v1/models`, `POST /v1/chat/completions` and `POST /v1/completions` (text completion:
 * a `prompt` in, `choices[].text` out; `completions: false` takes the route away), streamed (SSE
 * `data:` chunks, `[DONE]`, a final usage chunk when `stream_options.include_usage` is set) or not,
 * with `n` choices.
 * Every reply is a {@link Reply}: text (split into chunks), reasoning (as `reasoning_content` or
 * `reasoning` deltas, or inline `<think>` in the text), and failure modes: an HTTP status with
 * headers, a socket destroyed after K chunks, a malformed chunk, a delay per chunk, a stall after
 * the headers, a stream held midway until the test lets it go. `slots: 1` serves one generation
 * request at a time, in arrival order, as llama.cpp with one slot does. Nothing waits longer than
 * `maxStallMs`, and `close()` ends every open connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server received, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (undefined for GET). */
  body: ChatRequestBody | undefined;
  /** ms since the epoch. */
  startedAt: number;
  /** Set when the server began answering it (at once, unless it waited for a slot). */
  servedAt?: number;
  /** Set when the response ended or the socket closed. */
  endedAt?: number;
  /** Settles when the response ended or the socket closed (a client's abort included). */
  closed: Promise<void>;
  /** How many generation requests (chat or text) were in flight when this one arrived (itself included). */
  concurrent: number;
}

/** The chat (or text) completions request body, as far as tests look at it. */
export interface ChatRequestBody {
  model: string;
  /** Chat completions only. */
  messages: Array<{ role: string; content: string }>;
  /** Text completions only. */
  prompt?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  n?: number;
  stop?: string | string[];
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  [key: string]: unknown;
}

/** How to answer one chat request. Every field is optional; `{}` answers with a default text. */
export interface Reply {
  /** The reply text, or its exact chunks. Default: `Reply to: <last user message>`. */
  content?: string | string[];
  /** Per choice when `n` > 1; choice i gets `choices[i % length]`. Default: content + ` (choice i)`. */
  choices?: Array<string | string[]>;
  /** Reasoning sent before the text, as deltas of `reasoningField`. */
  reasoning?: string | string[];
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Characters per streamed chunk when `content` is a string. Default 8. */
  chunkSize?: number;
  /** Default `stop`. */
  finishReason?: string;
  /** Usage reported; default counts words. `false` sends none even when asked. */
  usage?: { prompt_tokens: number; completion_tokens: number } | false;
  /** An error status (401, 404, 429, 500 ...) with an OpenAI-shaped error body. */
  status?: number;
  /** Error message for `status`. */
  errorMessage?: string;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
  /** Destroy the socket after this many content chunks (a stream cut off midway). */
  cutAfter?: number;
  /** Send a chunk that is not JSON after this many content chunks. */
  malformedAfter?: number;
  /** Delay before each chunk, in ms (slow tokens). */
  delayMs?: number;
  /** Delay before the response headers, in ms. */
  headerDelayMs?: number;
  /** Send the headers, then nothing until the client goes away (or `maxStallMs`). */
  stall?: boolean;
  /**
   * Send this many content chunks, then nothing until the client goes away (or `maxStallMs`): a
   * stream that goes silent midway, with no race between a chunk delay and the client's idle timer.
   */
  stallAfter?: number;
  /**
   * Send `chunks` content chunks, then nothing until `until` settles (or the client goes away, or
   * `maxStallMs` passes), then the rest: a reply held midway by the test, with no clock involved.
   */
  holdAfter?: { chunks: number; until: Promise<unknown> };
}

/**
 * A reply, or a function of the request that returns one; a promise of one holds the answer
 * (nothing is sent, not even headers) until the test's own promise settles.
 */
export type Behaviour = Reply | ((request: ChatRequestBody, recorded: RecordedRequest) => Reply | Promise<Reply>);

export interface OpenAIServerOptions {
  /** Models listed at /v1/models; a chat request for another model gets a 404. Default `['test-model']`. */
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /** The default behaviour (see `setBehaviour`). */
  behaviour?: Behaviour;
  /** Upper bound on any stall or delay, so a test never hangs. Default 10 s. */
  maxStallMs?: number;
  /** Serve `POST /v1/completions` (text completion). Default true; false answers it 404 like a chat-only server. */
  completions?: boolean;
  /**
   * How many generation requests (chat or text) are served at once; the others wait, unanswered
   * (no headers), in arrival order, until one ends. Default: no limit.
   */
  slots?: number;
}

export interface OpenAIServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:43123/v1`. */
  url: string;
  /** Origin without `/v1`. */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Chat requests only. */
  chatRequests(): RecordedRequest[];
  /** Text completion requests only. */
  completionRequests(): RecordedRequest[];
  /** The most chat requests in flight at once so far. */
  maxConcurrent(): number;
  /** Replaces the default behaviour for every later request. */
  setBehaviour(behaviour: Behaviour): void;
  /** One-shot replies, used in order by the next chat requests before the default behaviour. */
  enqueue(...replies: Behaviour[]): void;
  /** Replaces the served model list. */
  setModels(models: string[]): void;
  close(): Promise<void>;
}

/** The text of the last user message of a request, for scripted replies. */
export function lastUserText(request: ChatRequestBody): string {
  const users = (request.messages ?? []).filter((m) => m.role === 'user');
  return users.length ? String(users[users.length - 1].content) : '';
}

/** A long deterministic text of about `words` words, for very long replies. */
export function longText(words: number): string {
  const vocabulary = ['the', 'lantern', 'swung', 'over', 'dark', 'water', 'and', 'she', 'listened', 'closely'];
  return Array.from({ length: words }, (_, i) => vocabulary[i % vocabulary.length]).join(' ') + '.';
}

function chunksOf(content: string | string[], size: number): string[] {
  if (Array.isArray(content)) return content;
  const out: string[] = [];
  for (let i = 0; i < content.length; i += size) out.push(content.slice(i, i + size));
  return out.length ? out : [''];
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  let models = options.models ?? ['test-model'];
  let behaviour: Behaviour = options.behaviour ?? {};
  const queue: Behaviour[] = [];
  const maxStallMs = options.maxStallMs ?? 10_000;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let active = 0;
  let peak = 0;
  let closing = false;
  let freeSlots = options.slots ?? Infinity;
  const waitingForSlot: Array<() => void> = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function readBody(req: IncomingMessage): Promise<string> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    return Buffer.concat(parts).toString('utf8');
  }

  function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, code?: string) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message, type: status === 401 ? 'invalid_request_error' : 'server_error', code: code ?? null } }));
  }

  // Waits up to `ms`, but no longer than the client stays connected.
  function wait(res: ServerResponse, ms: number): Promise<boolean> {
    const bounded = Math.min(ms, maxStallMs);
    return new Promise((resolve) => {
      if (closing || res.destroyed) return resolve(false);
      const timer = setTimeout(() => {
        res.off('close', onClose);
        resolve(!res.destroyed && !closing);
      }, bounded);
      const onClose = () => {
        clearTimeout(timer);
        resolve(false);
      };
      res.once('close', onClose);
    });
  }

  /**
   * A place in the slot queue, taken when the request arrives: `ready` settles true once a slot is
   * its (freed again when the response closes), false if the client went away first.
   */
  function slotFor(res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      let held = false;
      const take = () => {
        held = true;
        freeSlots -= 1;
        resolve(!res.destroyed && !closing);
      };
      res.once('close', () => {
        if (held) {
          freeSlots += 1;
          waitingForSlot.shift()?.();
        } else {
          const place = waitingForSlot.indexOf(take);
          if (place >= 0) waitingForSlot.splice(place, 1);
          resolve(false);
        }
      });
      if (freeSlots > 0) take();
      else waitingForSlot.push(take);
    });
  }

  // Waits for `until`, but no longer than the client stays connected or `maxStallMs`; true to go on.
  function hold(res: ServerResponse, until: Promise<unknown>): Promise<boolean> {
    return new Promise((resolve) => {
      if (closing || res.destroyed) return resolve(false);
      const done = () => {
        clearTimeout(timer);
        res.off('close', done);
        resolve(!res.destroyed && !closing);
      };
      const timer = setTimeout(done, maxStallMs);
      res.once('close', done);
      void until.then(done, done);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const isText = req.method === 'POST' && path === '/v1/completions' && options.completions !== false;
    const isChat = (req.method === 'POST' && path === '/v1/chat/completions') || isText;
    // The queue's order is the order requests arrive in, before their bodies are read.
    const slot = isChat && options.slots !== undefined ? slotFor(res) : undefined;
    const text = req.method === 'POST' ? await readBody(req) : '';
    let body: ChatRequestBody | undefined;
    if (text) {
      try {
        body = JSON.parse(text) as ChatRequestBody;
      } catch {
        return sendError(res, 400, 'the request body is not JSON');
      }
    }
    if (isChat) {
      active += 1;
      peak = Math.max(peak, active);
    }
    let ended = (): void => {};
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      startedAt: Date.now(),
      concurrent: isChat ? active : 0,
      closed: new Promise<void>((resolve) => (ended = resolve)),
    };
    requests.push(recorded);
    res.on('close', () => {
      recorded.endedAt = Date.now();
      if (isChat) active -= 1;
      ended();
    });

    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided.', {}, 'invalid_api_key');
    }
    if (req.method === 'GET' && path === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) }));
      return;
    }
    if (!isChat || !body) return sendError(res, 404, `no route ${req.method} ${path}`);
    if (!models.includes(body.model)) {
      return sendError(res, 404, `The model \`${body.model}\` does not exist or you do not have access to it.`, {}, 'model_not_found');
    }

    if (slot && !(await slot)) return;
    recorded.servedAt = Date.now();
    const next = queue.length ? queue.shift()! : behaviour;
    const reply = typeof next === 'function' ? await next(body, recorded) : next;
    if (res.destroyed || closing) return;
    if (reply.headerDelayMs && !(await wait(res, reply.headerDelayMs))) return;
    if (reply.status && reply.status >= 400) {
      return sendError(res, reply.status, reply.errorMessage ?? `scripted ${reply.status}`, reply.headers);
    }
    if (isText) {
      if (body.stream) await streamText(res, body, reply);
      else respondWholeText(res, body, reply);
    } else if (body.stream) await stream(res, body, reply);
    else respondWhole(res, body, reply);
  }

  function choiceTexts(body: ChatRequestBody, reply: Reply): Array<string | string[]> {
    const n = Math.max(1, body.n ?? 1);
    const base = reply.content ?? `Reply to: ${lastUserText(body)}`;
    return Array.from({ length: n }, (_, i) => {
      if (reply.choices?.length) return reply.choices[i % reply.choices.length];
      if (n === 1) return base;
      return Array.isArray(base) ? [...base, ` (choice ${i + 1})`] : `${base} (choice ${i + 1})`;
    });
  }

  function usageFor(body: ChatRequestBody, reply: Reply, texts: Array<string | string[]>) {
    if (reply.usage === false) return undefined;
    const prompt =
      reply.usage?.prompt_tokens ??
      (body.messages ?? []).reduce((s, m) => s + countWords(String(m.content)), countWords(body.prompt ?? ''));
    const completion =
      reply.usage?.completion_tokens ?? texts.reduce<number>((s, t) => s + countWords(Array.isArray(t) ? t.join('') : t), 0);
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }

  function respondWhole(res: ServerResponse, body: ChatRequestBody, reply: Reply) {
    const texts = choiceTexts(body, reply);
    const reasoning =
      reply.reasoning === undefined ? undefined : Array.isArray(reply.reasoning) ? reply.reasoning.join('') : reply.reasoning;
    const field = reply.reasoningField ?? 'reasoning_content';
    res.writeHead(200, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: texts.map((t, index) => ({
          index,
          message: { role: 'assistant', content: Array.isArray(t) ? t.join('') : t, ...(reasoning ? { [field]: reasoning } : {}) },
          finish_reason: reply.finishReason ?? 'stop',
        })),
        usage: usageFor(body, reply, texts),
      }),
    );
  }

  async function stream(res: ServerResponse, body: ChatRequestBody, reply: Reply) {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...(reply.headers ?? {}),
    });
    res.flushHeaders();
    if (reply.stall) {
      await wait(res, maxStallMs);
      if (!res.destroyed) res.end();
      return;
    }
    const created = Math.floor(Date.now() / 1000);
    const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created, model: body.model, choices, ...extra })}\n\n`;
    const send = async (data: string): Promise<boolean> => {
      if (reply.delayMs && !(await wait(res, reply.delayMs))) return false;
      if (res.destroyed || closing) return false;
      // Wait until the chunk is handed to the socket, so that a cut that follows cannot drop it.
      await new Promise<void>((resolve) => res.write(data, () => resolve()));
      return true;
    };

    const texts = choiceTexts(body, reply);
    const field = reply.reasoningField ?? 'reasoning_content';
    for (let index = 0; index < texts.length; index++) {
      if (!(await send(frame([{ index, delta: { role: 'assistant', content: '' }, finish_reason: null }])))) return;
    }
    if (reply.reasoning !== undefined) {
      for (const part of chunksOf(reply.reasoning, reply.chunkSize ?? 8)) {
        for (let index = 0; index < texts.length; index++) {
          if (!(await send(frame([{ index, delta: { [field]: part }, finish_reason: null }])))) return;
        }
      }
    }
    // Choices interleave chunk by chunk, as real servers do with `n`.
    const perChoice = texts.map((t) => chunksOf(t, reply.chunkSize ?? 8));
    const longest = Math.max(...perChoice.map((c) => c.length));
    let sent = 0;
    for (let step = 0; step < longest; step++) {
      for (let index = 0; index < perChoice.length; index++) {
        const part = perChoice[index][step];
        if (part === undefined) continue;
        if (reply.cutAfter !== undefined && sent >= reply.cutAfter) {
          res.socket?.destroy();
          return;
        }
        if (reply.stallAfter !== undefined && sent >= reply.stallAfter) {
          await wait(res, maxStallMs);
          if (!res.destroyed) res.end();
          return;
        }
        if (reply.holdAfter && sent === reply.holdAfter.chunks && !(await hold(res, reply.holdAfter.until))) return;
        if (reply.malformedAfter !== undefined && sent >= reply.malformedAfter) {
          await send('data: {"choices": [{"index": 0, "delta": {"content": "broken\n\n');
          res.end();
          return;
        }
        if (!(await send(frame([{ index, delta: { content: part }, finish_reason: null }])))) return;
        sent += 1;
      }
    }
    for (let index = 0; index < texts.length; index++) {
      if (!(await send(frame([{ index, delta: {}, finish_reason: reply.finishReason ?? 'stop' }])))) return;
    }
    const usage = body.stream_options?.include_usage ? usageFor(body, reply, texts) : undefined;
    if (usage && !(await send(frame([], { usage })))) return;
    if (await send('data: [DONE]\n\n')) res.end();
  }

  // Text completion: the same replies and failure modes, in `text_completion` chunks with `choices[].text`.
  function respondWholeText(res: ServerResponse, body: ChatRequestBody, reply: Reply) {
    const texts = choiceTexts(body, reply);
    res.writeHead(200, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    res.end(
      JSON.stringify({
        id: 'cmpl-test',
        object: 'text_completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: texts.map((t, index) => ({
          index,
          text: Array.isArray(t) ? t.join('') : t,
          logprobs: null,
          finish_reason: reply.finishReason ?? 'stop',
        })),
        usage: usageFor(body, reply, texts),
      }),
    );
  }

  async function streamText(res: ServerResponse, body: ChatRequestBody, reply: Reply) {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...(reply.headers ?? {}),
    });
    res.flushHeaders();
    if (reply.stall) {
      await wait(res, maxStallMs);
      if (!res.destroyed) res.end();
      return;
    }
    const created = Math.floor(Date.now() / 1000);
    const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id: 'cmpl-test', object: 'text_completion', created, model: body.model, choices, ...extra })}\n\n`;
    const send = async (data: string): Promise<boolean> => {
      if (reply.delayMs && !(await wait(res, reply.delayMs))) return false;
      if (res.destroyed || closing) return false;
      await new Promise<void>((resolve) => res.write(data, () => resolve()));
      return true;
    };
    const texts = choiceTexts(body, reply);
    const perChoice = texts.map((t) => chunksOf(t, reply.chunkSize ?? 8));
    const longest = Math.max(...perChoice.map((c) => c.length));
    let sent = 0;
    for (let step = 0; step < longest; step++) {
      for (let index = 0; index < perChoice.length; index++) {
        const part = perChoice[index][step];
        if (part === undefined) continue;
        if (reply.cutAfter !== undefined && sent >= reply.cutAfter) {
          res.socket?.destroy();
          return;
        }
        if (reply.stallAfter !== undefined && sent >= reply.stallAfter) {
          await wait(res, maxStallMs);
          if (!res.destroyed) res.end();
          return;
        }
        if (reply.holdAfter && sent === reply.holdAfter.chunks && !(await hold(res, reply.holdAfter.until))) return;
        if (!(await send(frame([{ index, text: part, logprobs: null, finish_reason: null }])))) return;
        sent += 1;
      }
    }
    for (let index = 0; index < texts.length; index++) {
      if (!(await send(frame([{ index, text: '', logprobs: null, finish_reason: reply.finishReason ?? 'stop' }])))) return;
    }
    const usage = body.stream_options?.include_usage ? usageFor(body, reply, texts) : undefined;
    if (usage && !(await send(frame([], { usage })))) return;
    if (await send('data: [DONE]\n\n')) res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    completionRequests: () => requests.filter((r) => r.path === '/v1/completions'),
    maxConcurrent: () => peak,
    setBehaviour(next) {
      behaviour = next;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    setModels(next) {
      models = next;
    },
    close() {
      closing = true;
      return new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}
