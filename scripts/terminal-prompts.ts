import { createInterface } from 'node:readline';

export type TPrompts = {
  /** Asks and returns the answer, trimmed. */
  ask: (question: string) => Promise<string>;
  /** Asks without showing what is typed (passwords); the answer is returned as typed. */
  askHidden: (question: string) => Promise<string>;
  /** Whether a person is typing (a terminal) rather than answers being piped in. */
  interactive: boolean;
  close: () => void;
};

/**
 * Questions for a command. On a terminal, input is read in raw mode so a hidden answer is never
 * echoed (no dependency needed, and a password never has to be an argument or a variable that
 * would land in the shell's history). Piped, the answers are read line by line, so a test or a
 * provisioning script can give them on stdin.
 */
export function terminalPrompts(): TPrompts {
  return process.stdin.isTTY ? rawTerminalPrompts() : pipedPrompts();
}

function pipedPrompts(): TPrompts {
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const next = async (question: string) => {
    process.stdout.write(question);
    const line = await lines.next();
    process.stdout.write('\n');
    if (line.done) throw new Error('The input ended before every question was answered.');
    return line.value as string;
  };
  return {
    ask: async (question) => (await next(question)).trim(),
    askHidden: next,
    interactive: false,
    close: () => {
      void lines.return?.();
      process.stdin.destroy();
    },
  };
}

function rawTerminalPrompts(): TPrompts {
  const stdin = process.stdin;
  // Characters typed ahead of the next question (a paste of several lines) wait here.
  let pending = '';
  let waiting: (() => void) | null = null;
  const onData = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    waiting?.();
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();

  async function readLine(question: string, echo: boolean): Promise<string> {
    process.stdout.write(question);
    let answer = '';
    for (;;) {
      if (pending === '') await new Promise<void>((resolve) => (waiting = resolve));
      waiting = null;
      const characters = [...pending];
      pending = '';
      for (let index = 0; index < characters.length; index++) {
        const character = characters[index]!;
        if (character === '\r' || character === '\n') {
          process.stdout.write('\n');
          pending = characters.slice(index + 1).join('').replace(/^\n/, '');
          return answer;
        }
        if (character === '\u0003' || (character === '\u0004' && answer === '')) {
          // Ctrl-C, or Ctrl-D on an empty answer: give up, leaving the terminal as it was.
          stdin.setRawMode(false);
          process.stdout.write('\n');
          process.exit(130);
        }
        if (character === '\u007f' || character === '\b') {
          if (answer.length > 0) {
            answer = [...answer].slice(0, -1).join('');
            if (echo) process.stdout.write('\b \b');
          }
        } else if (character === '\u001b') {
          // An escape sequence (arrow keys): skip it, up to its final letter.
          while (index + 1 < characters.length && !/[A-Za-z~]/.test(characters[index + 1]!)) index++;
          index++;
        } else if (character >= ' ') {
          answer += character;
          if (echo) process.stdout.write(character);
        }
      }
    }
  }

  return {
    ask: async (question) => (await readLine(question, true)).trim(),
    askHidden: (question) => readLine(question, false),
    interactive: true,
    close: () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
