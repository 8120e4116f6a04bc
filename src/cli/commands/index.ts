import type { Command } from '../io.js';
import { baselineCommand } from './baseline.js';
import { controlsCommand } from './controls.js';
import { inspectCommand } from './inspect.js';
import { mergeCommand } from './merge.js';
import { policyCommand } from './policy.js';
import { scanCommand } from './scan.js';
import { verifyCommand } from './verify.js';

/** Every `evident` command, in the order --help lists them. */
export const commands: Command[] = [scanCommand, inspectCommand, baselineCommand, mergeCommand, controlsCommand, verifyCommand, policyCommand];
