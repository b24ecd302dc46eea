/**
 * The program's entry (bin/tonghop.js): Ctrl-C and kill are handled from the first moment, before the engine and its
 * libraries load (a second or more on a slow machine), so an interrupt at start-up ends with the same Vietnamese
 * line and exit code as one later on. Then main() runs.
 */
import { handleInterrupts } from './files/cleanup';

export async function start(argv: string[]): Promise<number> {
  handleInterrupts();
  const { main } = await import('./main');
  return main(argv);
}
