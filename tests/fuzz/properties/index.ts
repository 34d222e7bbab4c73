// First: the wallet modules bind node:crypto's pbkdf2 when they load (see memo-pbkdf2.ts).
import './memo-pbkdf2';
import { cliTarget } from './cli';
import { contractTarget } from './contract';
import { keyfileTarget } from './keyfile';
import { payloadSr25519Target, payloadTarget } from './payload';
import { settingsTarget } from './settings';
import type { FuzzTarget } from './target';

/** Every fuzz target, in the order the report lists them. */
export const FUZZ_TARGETS: readonly FuzzTarget<never>[] = [
  payloadTarget,
  payloadSr25519Target,
  keyfileTarget,
  contractTarget,
  cliTarget,
  settingsTarget,
] as FuzzTarget<never>[];
