import { CliUsageError } from './usage-error';

/**
 * Where a command's passwords and recovery phrases come from: a terminal prompt that does not
 * echo, or standard input (`--password-stdin`, one secret per line in the order they are asked
 * for). Never the command line, which other users can read in the process list and history.
 */
export interface SecretInput {
  /** The next secret; with `confirm`, a terminal asks twice and compares. */
  read(prompt: string, options?: { confirm?: boolean }): Promise<string>;
}

export function secretInput(fromStdin: boolean): SecretInput {
  return fromStdin ? stdinSecrets() : terminalSecrets();
}

function stdinSecrets(): SecretInput {
  let lines: Promise<string[]> | undefined;
  let next = 0;
  return {
    async read(prompt) {
      lines ??= readAll(process.stdin).then((text) => text.split(/\r?\n/));
      const line = (await lines)[next++];
      if (line === undefined || line === '') {
        throw new CliUsageError(
          'invalid-value',
          `standard input has no line for the ${prompt.toLowerCase()}`,
        );
      }
      return line;
    },
  };
}

function terminalSecrets(): SecretInput {
  return {
    async read(prompt, options) {
      const stdin = process.stdin;
      if (!stdin.isTTY) {
        throw new CliUsageError(
          'invalid-value',
          'no terminal to ask for secrets; pass --password-stdin and write them to standard input',
        );
      }
      const secret = await promptHidden(stdin, `${prompt}: `);
      if (options?.confirm && (await promptHidden(stdin, `Retype ${lower(prompt)}: `)) !== secret) {
        throw new CliUsageError('invalid-value', `the two entries of the ${lower(prompt)} differ`);
      }
      return secret;
    },
  };
}

/** Reads one line from the terminal in raw mode, echoing nothing. */
function promptHidden(stdin: NodeJS.ReadStream, prompt: string): Promise<string> {
  // Echo goes off before the prompt shows, so nothing typed after seeing it is ever displayed.
  stdin.setRawMode(true);
  stdin.resume();
  process.stderr.write(prompt);
  let typed = '';
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed));
        if (char === '\u0003') return finish(() => reject(new Error('interrupted')));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const lower = (prompt: string) => prompt.charAt(0).toLowerCase() + prompt.slice(1);
