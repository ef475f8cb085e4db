import { read } from 'read';
import { CliFailure } from './errors';

/**
 * A hidden prompt on the terminal. The question goes to stderr so that stdout carries only results
 * (a script can capture them), and nothing typed is echoed.
 */
export function terminalPrompt(input: NodeJS.ReadStream, output: NodeJS.WriteStream): (question: string) => Promise<string> {
  return async (question) => {
    try {
      return await read({ prompt: question, silent: true, replace: '', input, output });
    } catch {
      // Ctrl+C or a closed terminal: stop cleanly; nothing has been written yet at any prompt.
      throw new CliFailure('Stopped. Nothing was changed.');
    } finally {
      // The Enter key is not echoed either; end the prompt's line so the next output starts cleanly.
      output.write('\n');
    }
  };
}
