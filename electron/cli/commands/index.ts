import type { Command } from '../command';
import { doctor } from './doctor';
import { train } from './train';

/** Every `tessera` subcommand, in the order `tessera --help` lists them. */
export const COMMANDS: readonly Command[] = [doctor, train];
