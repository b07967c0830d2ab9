import { SERVICE_NAMES, type ServiceName } from "../serviceName";

export interface InjectedFailure {
  /** The error code to answer, for example `Throttling`, `SlowDown` or `IDPCommunicationError`. */
  code: string;
  status: number;
  message?: string;
}

export interface FaultSpec {
  service: ServiceName;
  /** Only this operation (as in the request log); every operation of the service when omitted. */
  operation?: string;
  /** Added before the request is answered. */
  latencyMs?: number;
  fail?: InjectedFailure;
  /** How many matching requests the fault applies to. Default: every one until removed. */
  times?: number;
}

/** A fault in place: how often it applied so far, and a way to lift it early. */
export interface InjectedFault {
  readonly hits: number;
  readonly remaining: number;
  remove(): void;
}

/** What applies to one request: the summed latency of every matching fault and the first failure. */
export interface FaultEffect {
  latencyMs: number;
  fail?: InjectedFailure;
}

class ActiveFault implements InjectedFault {
  hits = 0;
  constructor(
    readonly spec: FaultSpec,
    private readonly detach: (fault: ActiveFault) => void,
  ) {}

  get remaining(): number {
    return (this.spec.times ?? Infinity) - this.hits;
  }

  remove(): void {
    this.detach(this);
  }
}

function validate(spec: FaultSpec): void {
  if (!SERVICE_NAMES.includes(spec.service)) {
    throw new Error(`inject: unknown service "${spec.service}"; expected one of ${SERVICE_NAMES.join(", ")}.`);
  }
  if (spec.latencyMs === undefined && spec.fail === undefined) {
    throw new Error("inject: a fault needs latencyMs, fail, or both.");
  }
  if (spec.latencyMs !== undefined && !(spec.latencyMs >= 0)) {
    throw new Error(`inject: latencyMs must be 0 or more, not ${spec.latencyMs}.`);
  }
  if (spec.fail && !(Number.isInteger(spec.fail.status) && spec.fail.status >= 300 && spec.fail.status <= 599)) {
    throw new Error(`inject: fail.status must be an HTTP error status (300-599), not ${spec.fail.status}.`);
  }
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) {
    throw new Error(`inject: times must be a positive whole number, not ${spec.times}.`);
  }
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): InjectedFault {
    validate(spec);
    const fault = new ActiveFault({ ...spec }, (removed) => {
      this.faults = this.faults.filter((candidate) => candidate !== removed);
    });
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults for one request of an operation; each one applied counts down its `times`. */
  take(service: ServiceName, operation: string): FaultEffect {
    const effect: FaultEffect = { latencyMs: 0 };
    // remove() replaces this.faults with a new array, so the loop keeps walking the old one.
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.service !== service || (spec.operation !== undefined && spec.operation !== operation)) continue;
      fault.hits++;
      effect.latencyMs += spec.latencyMs ?? 0;
      if (spec.fail && !effect.fail) effect.fail = spec.fail;
      if (fault.remaining <= 0) fault.remove();
    }
    return effect;
  }
}
