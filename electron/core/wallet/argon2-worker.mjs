// One Argon2i derivation on a worker thread: at btcli's cost it takes seconds and 512 MiB, which
// must not freeze the thread that serves the UI. Plain JavaScript, so Node loads it as it is
// under tsx, vitest and a build alike; the worker exits afterwards, returning its memory.
import { parentPort, workerData } from 'node:worker_threads';
import { argon2i } from 'hash-wasm';

const { password, salt, iterations, memoryKiB } = workerData;
const key = await argon2i({
  password,
  salt,
  iterations,
  memorySize: memoryKiB,
  parallelism: 1,
  hashLength: 32,
  outputType: 'binary',
});
parentPort.postMessage(key);
