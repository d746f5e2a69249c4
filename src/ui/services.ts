/**
 * What the TUI is given from outside the session, as a prop: the commands' services
 * (src/commands/services.ts). The CLI passes the file-backed ones (src/cli/file-services.ts), tests
 * their own, so no component touches the file system, the config or a key.
 */
import type { CommandServices } from '../commands/services.js';

export type TuiServices = CommandServices;
