/**
 * The commands' services over the real data folder and config, for the TUI and headless play:
 * saved sessions for /sessions, a file for /export, the profiles /model lists and the providers it
 * switches to. The UI sees only the interface (src/commands/services.ts), as a prop.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandServices, NarratorChoice } from '../commands/services.js';
import { modelSummarizer } from '../engine/memory/model-summary.js';
import { dataPaths } from '../paths.js';
import { ENV_PROFILE, envProfile, listProfiles, missingKeyVar, OFFLINE } from '../config/profiles.js';
import { activePersona, listPersonas } from '../config/personas.js';
import { listSessions } from '../store/list.js';
import { keepDraft } from '../store/draft-file.js';
import { isSessionId, sessionPath } from '../store/session-file.js';
import { resolveEndpoint, resolveProvider } from '../providers/select.js';

export interface FileServicesOptions {
  /** ms between the offline narrator's chunks (the TUI streams it at a reading pace). */
  offlineDelayMs?: number;
  /** Where profiles and keys are looked up (default: the process environment). */
  env?: NodeJS.ProcessEnv;
}

/** The host part of a base URL: no user, password, path or query can carry a key into view. */
function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return 'an unreadable base URL';
  }
}

/**
 * The language of the terminal's locale as a BCP 47 tag (`zh_CN.UTF-8` → `zh-CN`), from the first
 * of LC_ALL, LC_MESSAGES and LANG that is set, as gettext reads them; none for `C` and `POSIX`.
 */
export function localeLanguage(env: NodeJS.ProcessEnv): string | undefined {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v && v.trim());
  const tag = /^([a-zA-Z]{2,3})(?:[_-]([a-zA-Z]{2}|\d{3}))?(?=$|[.@])/.exec(locale?.trim() ?? '');
  if (!tag?.[1] || /^(c|posix)$/i.test(locale ?? '')) return undefined;
  return tag[2] ? `${tag[1].toLowerCase()}-${tag[2].toUpperCase()}` : tag[1].toLowerCase();
}

/** The services over the real data folder and config. */
export function createFileServices(options: FileServicesOptions = {}): CommandServices {
  const env = () => options.env ?? process.env;
  return {
    sessionsText(currentId) {
      const sessions = listSessions().slice(0, 40);
      if (sessions.length === 0) return 'No saved sessions yet; `skald play --resume <id>` continues one once there is.';
      const rows = sessions.map((s) => {
        const when = new Date(s.updatedAt).toISOString().slice(0, 16).replace('T', ' ');
        const title = s.start ? `${s.start.packTitle} · ${s.start.openingId} · ${s.start.persona}` : '(unreadable start)';
        return `${s.id === currentId ? '● ' : '  '}${s.id}  ${when}  ${title}`;
      });
      return [...rows, '', 'Resume one with `skald play --resume <id>` (or `--resume last`).'].join('\n');
    },
    keepDraft(sessionId, text) {
      // A story that is not saved (an evaluation's, a test's) has no file to keep it beside.
      if (isSessionId(sessionId)) keepDraft(sessionPath(sessionId), text);
    },
    async exportStory(id) {
      // Read back from the session file, which holds every committed turn: one rendering for
      // /export and `skald sessions export --format md`.
      const { sessionMarkdown } = await import('./sessions-run.js');
      const markdown = await sessionMarkdown(id);
      const dir = join(dataPaths().root, 'exports');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${id}.md`);
      await writeFile(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
      return path;
    },
    narrators() {
      const choices: NarratorChoice[] = Object.entries(listProfiles(env())).map(([name, p]) => ({
        name,
        where: [p.preset, hostOf(p.baseURL)].filter(Boolean).join(' · '),
        ...(p.model ? { model: p.model } : {}),
      }));
      // OPENAI_BASE_URL / OPENAI_API_KEY make an implicit `env` profile, as `skald profiles list` shows.
      const fromEnv = envProfile(env());
      if (fromEnv && !choices.some((c) => c.name === fromEnv.name)) {
        choices.push({
          name: fromEnv.name,
          where: `OPENAI_* variables · ${hostOf(fromEnv.baseURL)}`,
          ...(fromEnv.model ? { model: fromEnv.model } : {}),
        });
      }
      choices.push({ name: OFFLINE, where: 'the built-in offline narrator, no model' });
      return choices;
    },
    async buildNarrator(name, seed) {
      const endpoint = resolveEndpoint({ profile: name }, env());
      // Starting with a keyless profile fails at the first reply; a switch mid-story says so now
      // and keeps the narrator that works (local servers take no key).
      const keyVar = endpoint !== OFFLINE && name !== ENV_PROFILE ? missingKeyVar(endpoint) : undefined;
      if (keyVar) {
        throw new Error(
          `profile ${name} needs a key: $${keyVar} is not set; export it, or store one with \`echo "$KEY" | skald profiles add ${name} --api-key-stdin\`.`,
        );
      }
      // Loaded for a profile only: a chat-completion preset's regex scripts bring their schema (zod) with them.
      const { systemPrompt, chatPreset } =
        endpoint !== OFFLINE && endpoint.source === 'profile'
          ? (await import('../config/profile-prompt.js')).profilePrompt(name, env())
          : {};
      const provider = await resolveProvider(
        { profile: name, seed },
        env(),
        options.offlineDelayMs ? { offlineDelayMs: options.offlineDelayMs } : {},
      );
      return {
        provider,
        ...(provider.offline ? {} : { summarize: modelSummarizer(provider) }),
        ...(systemPrompt ? { systemPrompt } : {}),
        ...(chatPreset ? { chatPreset } : {}),
      };
    },
    language: () => localeLanguage(env()),
    personas() {
      try {
        const active = activePersona(env())?.name;
        return listPersonas(env()).map((p) => ({ ...p, active: p.name === active }));
      } catch {
        return [];
      }
    },
  };
}

/** The services with the offline narrator unpaced (tests; the TUI builds its own with a delay). */
export const fileServices: CommandServices = createFileServices();
