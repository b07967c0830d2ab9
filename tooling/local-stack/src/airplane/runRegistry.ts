import { newAirplaneToken } from "../state/randomText";
import type { AirplaneRun } from "./airplaneRun";

/**
 * The runs the stand-in started, by their AIRPLANE_TOKEN. Like Airplane's, a token is an opaque
 * random value that means one run; it says nothing itself and cannot be forged from the run's IDs.
 */
export class RunRegistry {
  private readonly runs = new Map<string, AirplaneRun>();

  /** Registers a run and returns its new AIRPLANE_TOKEN. */
  register(run: AirplaneRun): string {
    const token = newAirplaneToken();
    this.runs.set(token, run);
    return token;
  }

  tokens(): string[] {
    return [...this.runs.keys()];
  }

  find(token: string): AirplaneRun | undefined {
    return this.runs.get(token);
  }
}
