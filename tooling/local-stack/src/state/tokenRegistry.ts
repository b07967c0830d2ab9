import { newOpaqueToken } from "./randomText";

/**
 * What the stand-in started (Airplane runs, GitHub jobs), by the opaque random token that names
 * each: an AIRPLANE_TOKEN, an ACTIONS_ID_TOKEN_REQUEST_TOKEN. Like the platforms', a token says
 * nothing itself and cannot be forged from the run's IDs.
 */
export class TokenRegistry<T> {
  private readonly entries = new Map<string, T>();

  /** Registers a run or job and returns its new token. */
  register(value: T): string {
    const token = newOpaqueToken();
    this.entries.set(token, value);
    return token;
  }

  tokens(): string[] {
    return [...this.entries.keys()];
  }

  find(token: string): T | undefined {
    return this.entries.get(token);
  }
}
