/**
 * The first pass over untrusted pack data: copy it into fresh plain objects, refusing keys that
 * could reach an object's prototype and stripping terminal control characters from every string.
 */
import { hasControl, neutralize } from '../text/sanitize.js';

export type Path = (string | number)[];

export interface CleanFinding {
  severity: 'error' | 'warning';
  path: Path;
  /** Point at the key rather than its value. */
  atKey: boolean;
  message: string;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper data is refused: no pack needs it, and recursion on hostile input must stay bounded. */
export const MAX_DEPTH = 64;

/** Returns a cleaned deep copy of `value` and what was refused or changed on the way. */
export function cleanData(value: unknown): { value: unknown; findings: CleanFinding[] } {
  const findings: CleanFinding[] = [];
  const seen = new Set<object>();

  const visit = (node: unknown, path: Path): unknown => {
    if (typeof node === 'string') {
      if (!hasControl(node)) return node;
      findings.push({
        severity: 'warning',
        path,
        atKey: false,
        message: 'terminal control characters removed from this text',
      });
      return neutralize(node);
    }
    if (node === null || typeof node !== 'object') {
      if (typeof node === 'function' || typeof node === 'symbol' || typeof node === 'bigint') {
        findings.push({ severity: 'error', path, atKey: false, message: `a ${typeof node} is not pack data` });
        return undefined;
      }
      return node;
    }
    // YAML aliases share objects; a cycle (`&a [*a]`) would recurse forever.
    if (seen.has(node)) {
      findings.push({ severity: 'error', path, atKey: false, message: 'this value refers to itself (a recursive alias)' });
      return undefined;
    }
    if (path.length > MAX_DEPTH) {
      findings.push({
        severity: 'error',
        path,
        atKey: false,
        message: `nested more than ${MAX_DEPTH} levels deep; packs are not that deep`,
      });
      return undefined;
    }
    seen.add(node);
    try {
      if (Array.isArray(node)) return node.map((item, i) => visit(item, [...path, i]));
      const proto: unknown = Object.getPrototypeOf(node);
      if (proto !== Object.prototype && proto !== null) {
        findings.push({
          severity: 'error',
          path,
          atKey: false,
          message: 'only mappings, lists, text, numbers and booleans are allowed here',
        });
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(node)) {
        if (FORBIDDEN_KEYS.has(key)) {
          findings.push({
            severity: 'error',
            path: [...path, key],
            atKey: true,
            message: `the key \`${key}\` is not allowed (it could tamper with how the pack is read); rename it`,
          });
          continue;
        }
        const cleanKey = hasControl(key) ? neutralize(key) : key;
        out[cleanKey] = visit((node as Record<string, unknown>)[key], [...path, key]);
      }
      return out;
    } finally {
      seen.delete(node);
    }
  };

  return { value: visit(value, []), findings };
}
