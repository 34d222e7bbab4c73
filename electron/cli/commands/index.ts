import type { Command } from '../command';
import { devnet } from './devnet';
import { doctor } from './doctor';
import { start } from './start';
import { train } from './train';
import { validator } from './validator';
import { wallet } from './wallet';

/** Every `tessera` subcommand, in the order `tessera --help` lists them. */
export const COMMANDS: readonly Command[] = [start, doctor, train, devnet, validator, wallet];
