/**
 * The doctor's checks for the two ways of prompting an endpoint: the instruct template of a
 * text-completion profile, and one line per mode saying whether the endpoint offers it.
 */
import type { ResolvedProfile } from '../config/profiles.js';
import type { ChosenTemplate } from '../providers/instruct/catalog.js';

/** The instruct template of a text-completion profile, or the check that says why there is none. */
/** One line of `skald doctor`: a check, its outcome and what to do about a failure. */
export interface DoctorCheck {
  name: string;
  /** `skip` when an earlier failure makes the check meaningless. */
  status: 'ok' | 'fail' | 'skip';
  detail: string;
  /** What to do, when it failed. */
  fix?: string;
}

export async function templateCheck(profile: ResolvedProfile): Promise<{ check: DoctorCheck; template?: ChosenTemplate }> {
  const { chosenTemplate, findTemplate } = await import('../providers/instruct/catalog.js');
  if (!profile.template) {
    const how = profile.source === 'profile' ? `\`skald profiles set ${profile.name} template chatml\`` : '--template chatml';
    return {
      check: {
        name: 'template',
        status: 'fail',
        detail: 'text completion, but no instruct template is named',
        fix: `Name one with ${how} (\`skald templates list\` shows them).`,
      },
    };
  }
  try {
    const found = findTemplate(profile.template);
    const template = chosenTemplate(found);
    return {
      check: {
        name: 'template',
        status: 'ok',
        detail: `text completion with the instruct template ${found.name} (${found.origin}${found.context ? ', with its context template' : ''})`,
      },
      template,
    };
  } catch (error) {
    return {
      check: {
        name: 'template',
        status: 'fail',
        detail: `the template "${profile.template}" is unknown`,
        fix: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

/** One line per mode: offered or not, the profile's own mode failing as a failure, the other as a note. */
export async function modeChecks(profile: ResolvedProfile, model: string): Promise<DoctorCheck[]> {
  const { probeModes } = await import('../providers/openai/probe.js');
  const results = await probeModes(profile, model);
  const uses = profile.api ?? 'chat';
  const label = { chat: 'chat completions', completions: 'text completions' } as const;
  const route = { chat: '/chat/completions', completions: '/completions' } as const;
  return (['chat', 'completions'] as const).map((mode): DoctorCheck => {
    const result = results[mode];
    const mine = mode === uses ? ' (the mode this profile uses)' : '';
    if (result.ok) return { name: mode, status: 'ok', detail: `${label[mode]}: offered, a 1-token reply took ${result.ms} ms${mine}` };
    const other = mode === 'chat' ? 'completions' : 'chat';
    const detail = result.missing
      ? `${label[mode]}: not offered (POST ${route[mode]} answered ${result.failure.status})${mine}`
      : `${label[mode]}: failed${mine}`;
    if (mode !== uses) return { name: mode, status: 'skip', detail: result.missing ? detail : `${detail}: ${result.failure.message}` };
    const fix =
      result.missing && results[other].ok
        ? `This endpoint offers ${label[other]}: ${profile.source === 'profile' ? `\`skald profiles set ${profile.name} api ${other}\`` : `run with --api ${other}`}.`
        : result.failure.message;
    return { name: mode, status: 'fail', detail, fix };
  });
}

/**
 * The checks as the text report prints them: each distinct fix once, on the first check that
 * needs it. One failure (a 429, a 500) fails the round trip and both modes with the same sentence;
 * a later check that names it again, as its fix or at the end of a skipped check's detail, says
 * `same as above` instead. `--json` keeps every check's own fix.
 */
const AS_ABOVE = 'same as above';

export function fixesOnce(checks: readonly DoctorCheck[]): DoctorCheck[] {
  const seen = new Set<string>();
  return checks.map((check) => {
    const { fix, ...rest } = check;
    const repeated = [...seen].find((said) => check.detail.endsWith(`: ${said}`));
    const detail = repeated === undefined ? check.detail : `${check.detail.slice(0, -repeated.length)}${AS_ABOVE}`;
    if (fix === undefined) return { ...rest, detail };
    if (seen.has(fix)) return { ...rest, detail: repeated === undefined ? `${detail}: ${AS_ABOVE}` : detail };
    seen.add(fix);
    return { ...rest, detail, fix };
  });
}
