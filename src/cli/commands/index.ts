import type { Command } from '../io.js';
import { baselineCommand } from './baseline.js';
import { inspectCommand } from './inspect.js';
import { mergeCommand } from './merge.js';
import { scanCommand } from './scan.js';

/** Every `evident` command, in the order --help lists them. */
export const commands: Command[] = [scanCommand, inspectCommand, baselineCommand, mergeCommand];
