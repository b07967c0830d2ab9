/** A configuration the stand-in cannot run; `path` names the setting, for example `roles[0].trustPolicy`. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(
    readonly path: string,
    readonly problem: string,
    /** The file the configuration came from, when it came from one. */
    readonly source?: string,
  ) {
    super([source, path, problem].filter(Boolean).join(": "));
  }
}
