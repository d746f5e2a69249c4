import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadPack } from '../../src/world/load.js';
import { formatProblem } from '../../src/world/problems.js';

/** Writes files (relative path -> content) into a fresh temp folder and returns its path. */
export async function writePack(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'skald-pack-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return root;
}

/** A valid pack whose line numbers the tests rely on; keep the numbered comments in step. */
export const BASE =
  [
    'skald: 1', //                    1
    'id: test-pack', //               2
    'title: Test Pack', //            3
    'setting: A small town.', //      4
    'lore:', //                       5
    '  - id: mill', //                6
    '    keys: [mill]', //            7
    '    text: The mill.', //         8
    'characters:', //                 9
    '  - id: wren', //                10
    '    name: Wren', //              11
    '    relations: {player: brother}', // 12
    '  - id: ilsa', //                13
    '    name: Ilsa', //              14
    '    relations:', //              15
    '      wren: debtor', //          16
    'openings:', //                   17
    '  - id: start', //               18
    '    text: You arrive.', //       19
  ].join('\n') + '\n';

/** Loads a one-file folder pack from YAML text and returns the formatted problem lines. */
export async function problemsOf(worldYaml: string, extra: Record<string, string | Uint8Array> = {}): Promise<string[]> {
  const dir = await writePack({ 'world.yaml': worldYaml, ...extra });
  const result = await loadPack(dir);
  return (result.ok ? result.loaded.warnings : result.problems).map(formatProblem);
}
