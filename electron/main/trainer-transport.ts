import { join } from 'node:path';
import { utilityProcess } from 'electron';
import type { TrainerEvent } from '../engine/worker/messages';
import type { TrainerTransport } from '../engine/worker/spawn-trainer';

const STDERR_TAIL = 4096;

/**
 * The trainer in an Electron utility process: a Node child with its own V8 and native runtime,
 * so an onnxruntime abort takes down the trainer, never the window. `bundleDir` holds the
 * `trainer-child.js` that Forge's Vite build emits beside main.js; `assetsDir` is native-assets
 * (the resources folder when packaged, the project's folder in development).
 */
export function utilityProcessTransport(bundleDir: string, assetsDir: string): TrainerTransport {
  const child = utilityProcess.fork(join(bundleDir, 'trainer-child.js'), [], {
    serviceName: 'Tessera trainer',
    env: { ...process.env, TESSERA_CORPUS_DIR: join(assetsDir, 'corpus') },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  return {
    send: (message) => {
      // A trainer that has just died cannot be written to; its exit rejects the request.
      try {
        child.postMessage(message);
      } catch {}
    },
    onMessage: (listener) => child.on('message', (event) => listener(event as TrainerEvent)),
    onExit: (listener) => child.on('exit', (code) => listener(code, null, stderr)),
    kill: () => {
      child.kill();
    },
  };
}
