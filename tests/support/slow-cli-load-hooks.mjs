// The resolve hook of slow-cli-load.mjs (module hooks run on their own thread).
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const delay = Number(process.env.SKALD_SLOW_LOAD_MS ?? 0);
const mark = process.env.SKALD_SLOW_LOAD_MARK;

export async function resolve(specifier, context, next) {
  if (specifier === './main.js' && context.parentURL?.endsWith('/dist/launch.js')) {
    if (mark) writeFileSync(mark, 'loading\n');
    await sleep(delay);
  }
  return next(specifier, context);
}
