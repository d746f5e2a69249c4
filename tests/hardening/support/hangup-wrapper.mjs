/** Runs a command and records how it ended (code or signal) and its stderr: the parent of a process under a tmux pane that is killed. */
import { spawn } from 'node:child_process';
import { writeFileSync, openSync } from 'node:fs';
const [out, ...args] = process.argv.slice(2);
process.on('SIGHUP', () => {});
const err = openSync(out + '.err', 'w');
const child = spawn(process.execPath, args, { stdio: ['inherit', 'inherit', err] });
child.on('exit', (code, signal) => writeFileSync(out, `code=${code} signal=${signal}\n`));
