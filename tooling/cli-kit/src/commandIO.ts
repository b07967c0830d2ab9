/** Where a command writes: the process's streams, or in tests buffers (`isTTY` says whether a person reads stdout). */
export interface CommandIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

export const processIO: CommandIO = { stdout: process.stdout, stderr: process.stderr };
