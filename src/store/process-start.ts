/**
 * When a process started, as an identity that a later process given the same pid does not share:
 * on Linux, the boot's id and the process's start time in clock ticks since boot (field 22 of
 * /proc/<pid>/stat). Elsewhere there is no cheap way to read it, and callers fall back to the pid.
 */
import { readFileSync } from 'node:fs';

let bootId: string | undefined | null = null;

function readBootId(): string | undefined {
  if (bootId === null) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
    } catch {
      bootId = undefined;
    }
  }
  return bootId;
}

/**
 * The start of process `pid` as an opaque string (`<boot id>/<ticks>`), or undefined where it
 * cannot be read (not Linux, no such process, /proc hidden).
 */
export function processStart(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the name start at field 3 (the state); the start time is field 22.
  const ticks = fields[22 - 3];
  if (!ticks || !/^\d+$/.test(ticks)) return undefined;
  const boot = readBootId();
  return boot ? `${boot}/${ticks}` : ticks;
}
