import { canonicalJson } from '../../../protocol/canonical-json';
import { type Commitment, commitmentSchema } from '../commitment';
import { NetworkError } from '../errors';

/**
 * How a commitment is laid out in `Commitments.set_commitment`: its canonical JSON in `RawN`
 * fields of at most 128 bytes (the pallet's `Data` enum), read back by joining them. The runtime
 * accepts at most 3 fields (`MaxCommitFieldsInner`), so a commitment is at most 384 bytes here:
 * an S3 location with read keys takes about 250.
 */
export const RAW_FIELD_BYTES = 128;
export const MAX_COMMITMENT_FIELDS = 3;
export const MAX_CHAIN_COMMITMENT_BYTES = RAW_FIELD_BYTES * MAX_COMMITMENT_FIELDS;

export type RawField = Record<`Raw${number}`, Uint8Array>;

/** The `fields` of a `CommitmentInfo` carrying `commitment`. */
export function commitmentFields(commitment: Commitment): RawField[] {
  const checked = commitmentSchema.safeParse(commitment);
  if (!checked.success) {
    throw new NetworkError(
      'invalid',
      `The commitment is not valid: ${checked.error.issues[0]!.message}.`,
    );
  }
  const bytes = new TextEncoder().encode(canonicalJson(checked.data));
  if (bytes.byteLength > MAX_CHAIN_COMMITMENT_BYTES) {
    throw new NetworkError(
      'too-large',
      `The commitment is ${bytes.byteLength} bytes of JSON; subtensor stores at most ${MAX_CHAIN_COMMITMENT_BYTES}.`,
    );
  }
  const fields: RawField[] = [];
  for (let start = 0; start < bytes.byteLength; start += RAW_FIELD_BYTES) {
    const chunk = bytes.subarray(start, start + RAW_FIELD_BYTES);
    fields.push({ [`Raw${chunk.byteLength}`]: chunk } as RawField);
  }
  return fields;
}

/** One decoded `Data` value: its variant name and, for `RawN`, its bytes. */
export interface DataField {
  variant: string;
  bytes: Uint8Array;
}

/**
 * The text of a published commitment: its `RawN` fields joined, or undefined when it holds
 * anything else (hashes, timelocked data) or is not UTF-8. Other subnets' miners commit free
 * text, so this is not an error.
 */
export function commitmentText(fields: readonly DataField[]): string | undefined {
  if (fields.length === 0 || !fields.every((f) => /^Raw\d+$/.test(f.variant))) return undefined;
  const joined = new Uint8Array(fields.reduce((n, f) => n + f.bytes.byteLength, 0));
  let offset = 0;
  for (const field of fields) {
    joined.set(field.bytes, offset);
    offset += field.bytes.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    return undefined;
  }
}

/** The commitment a text holds, when it is a JSON object this protocol accepts. */
export function parseCommitment(text: string): Commitment | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const checked = commitmentSchema.safeParse(value);
  return checked.success ? checked.data : undefined;
}
