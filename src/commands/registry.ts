/**
 * The registry: every slash command, in /help's order. A new command is one module and one line
 * here (see index.ts).
 */
import { branch } from './branch.js';
import { continueCommand } from './continue.js';
import { debug } from './debug.js';
import { deleteCommand } from './delete.js';
import { edit } from './edit.js';
import { exportCommand } from './export.js';
import { forget } from './forget.js';
import { help } from './help.js';
import { impersonate } from './impersonate.js';
import { memory } from './memory.js';
import { model } from './model.js';
import { note } from './note.js';
import { opening } from './opening.js';
import { persona } from './persona.js';
import { pick } from './pick.js';
import { quit } from './quit.js';
import { regen } from './regen.js';
import { remember } from './remember.js';
import { sessions } from './sessions.js';
import { system } from './system.js';
import { set } from './set.js';
import { tree } from './tree.js';
import type { Command, FrontEnd } from './types.js';
import { undo } from './undo.js';
import { world } from './world.js';

export const COMMANDS: readonly Command[] = [
  regen,
  continueCommand,
  pick,
  undo,
  edit,
  deleteCommand,
  impersonate,
  remember,
  forget,
  memory,
  note,
  system,
  tree,
  branch,
  world,
  opening,
  persona,
  sessions,
  exportCommand,
  debug,
  model,
  set,
  help,
  quit,
];

/** The commands a front end runs, in /help's order. */
export function commandsFor(frontEnd: FrontEnd): readonly Command[] {
  return COMMANDS.filter((c) => c.frontEnds.includes(frontEnd));
}

/** The command a name or alias (without the slash, any case) stands for. */
export function findCommand(name: string): Command | undefined {
  const lower = name.toLowerCase();
  return COMMANDS.find((c) => c.name === lower || (c.aliases ?? []).includes(lower));
}
