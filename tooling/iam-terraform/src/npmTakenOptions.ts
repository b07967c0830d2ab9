import { UsageError } from "@repo/cli-kit";

/** Each option's test of a value, to tell which of the values npm left behind is whose. */
export type OptionValueTests = Record<string, (value: string) => boolean>;

/**
 * The arguments as the user meant them when npm took options for itself: `npm run setup --region
 * eu-west-1` (no `--` before the options) hands the script only `eu-west-1` and sets
 * npm_config_region=true; `--region=eu-west-1` sets npm_config_region=eu-west-1 and hands nothing.
 * The values left behind go back to the options whose test they pass, when that pairing is the
 * only one; otherwise the error shows how to write the command. `recovered` names the options.
 */
export function recoverNpmTakenOptions(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  tests: OptionValueTests,
  command: string,
): { args: string[]; recovered: string[] } {
  const taken = Object.keys(tests).filter((name) => env[npmConfigName(name)] !== undefined);
  if (taken.length === 0) return { args: [...args], recovered: [] };
  const firstOption = args.findIndex((arg) => arg.startsWith("-"));
  const leftBehind = args.slice(0, firstOption === -1 ? args.length : firstOption);
  const rest = args.slice(leftBehind.length);
  const withValue = taken.filter((name) => env[npmConfigName(name)] !== "true");
  const waiting = taken.filter((name) => env[npmConfigName(name)] === "true");
  const pairings = pairingsOf(waiting, leftBehind, tests);
  if (pairings.length !== 1) {
    const written = taken.map((name) => `--${name} <value>`).join(" ");
    throw new UsageError(
      `npm took ${taken.map((name) => `--${name}`).join(", ")} for itself, as there is no -- before the options, ` +
        `and which of ${JSON.stringify(leftBehind)} goes with which cannot be told. Write: ${command} -- ${written}`,
    );
  }
  const [pairing = []] = pairings;
  return {
    args: [
      ...withValue.flatMap((name) => [`--${name}`, env[npmConfigName(name)] as string]),
      ...waiting.flatMap((name, index) => [`--${name}`, leftBehind[pairing[index] as number] as string]),
      ...rest,
    ],
    recovered: taken.map((name) => `--${name}`),
  };
}

// npm passes its settings to scripts as npm_config_<name>, dashes turned into underscores.
function npmConfigName(option: string): string {
  return `npm_config_${option.replaceAll("-", "_")}`;
}

/** Every way to give each option one value of its own that passes its test (index lists). */
function pairingsOf(options: readonly string[], values: readonly string[], tests: OptionValueTests): number[][] {
  if (options.length !== values.length) return [];
  const pairings: number[][] = [];
  const extend = (chosen: number[]) => {
    if (chosen.length === options.length) {
      pairings.push(chosen);
      return;
    }
    const test = tests[options[chosen.length] as string] as (value: string) => boolean;
    values.forEach((value, index) => {
      if (!chosen.includes(index) && test(value)) extend([...chosen, index]);
    });
  };
  extend([]);
  return pairings;
}
