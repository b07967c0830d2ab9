import type { OutputDisplayConfig } from "./outputDisplay";

/** A parameter as `airplane.task` normalizes it into `__airplane.config.parameters`. */
export interface ParameterConfig {
  type: string;
  name?: string;
  description?: string;
  /** Airplane's default is true. */
  required?: boolean;
  default?: unknown;
  multi?: boolean;
  regex?: string;
  options?: unknown[] | { slug: string };
}

/** Whether a run must give the parameter a value: Airplane asks for one unless it is optional or has a default. */
export function needsValue(parameter: Pick<ParameterConfig, "required" | "default">): boolean {
  return parameter.required !== false && parameter.default === undefined;
}

export type EnvVarConfig = string | { value: string } | { config: string };

export interface TaskConfig {
  slug: string;
  name?: string;
  description?: string;
  parameters?: Record<string, ParameterConfig>;
  envVars?: Record<string, EnvVarConfig>;
  outputDisplay?: OutputDisplayConfig;
  /** Seconds a run may take before Airplane cancels it; Airplane's default is 3600. */
  timeout?: number;
}

/** What `airplane.task(config, fn)` attaches to the function it returns, and what Airplane's runtime calls. */
export interface AirplaneTaskExport {
  __airplane: {
    type: string;
    config: TaskConfig;
    baseFunc: (params: Record<string, unknown>) => unknown;
  };
}

/** One task found in the repository. */
export interface DiscoveredTask {
  slug: string;
  config: TaskConfig;
  file: string;
  exportName: string;
  run: (params: Record<string, unknown>) => Promise<unknown>;
}

export function isAirplaneTask(value: unknown): value is AirplaneTaskExport {
  const marker = (value as Partial<AirplaneTaskExport> | undefined)?.__airplane;
  return typeof marker?.baseFunc === "function" && typeof marker.config?.slug === "string";
}
