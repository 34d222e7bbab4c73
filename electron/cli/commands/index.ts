import type { Command } from '../command';
import { devnet } from './devnet';
import { doctor } from './doctor';
import { train } from './train';
import { wallet } from './wallet';

/** Every `tessera` subcommand, in the order `tessera --help` lists them. */
export const COMMANDS: readonly Command[] = [doctor, train, devnet, wallet];
