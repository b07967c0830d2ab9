import { connect } from "node:net";
import { UsageError } from "@repo/cli-kit";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * With AIRPLANE_API_HOST on this machine (the local stand-in's), checks that something listens
 * there before the task starts: the airplane SDK retries an unreachable API ten times over about
 * 50 seconds, then fails without naming the stand-in. One TCP connect answers in milliseconds.
 */
export async function checkLocalApiHost(apiHost: string | undefined): Promise<void> {
  const url = parseUrl(apiHost);
  if (!url || !LOOPBACK.has(url.hostname)) return;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const listening = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port });
    const answer = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(2000);
    socket.once("connect", () => answer(true));
    socket.once("error", () => answer(false));
    socket.once("timeout", () => answer(false));
  });
  if (!listening) {
    throw new UsageError(
      `Nothing answers at AIRPLANE_API_HOST=${apiHost}: is the local stand-in still running? ` +
        "Start it again with npm run local-stack and use the lines it prints (each start has new ports and " +
        "tokens), or run the task on a stand-in of its own: npm run task -- --local <task_slug> ...",
    );
  }
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
