// The few Node globals node.ts uses, as @types/node declares them (it is not installed here).
// index.d.ts itself needs only `AbortSignal` from the environment.
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
}
declare var AbortSignal: { prototype: AbortSignal; timeout(milliseconds: number): AbortSignal };
interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };
declare var process: {
  env: { [name: string]: string | undefined };
  exitCode: number | undefined;
  once(event: "SIGINT" | "SIGTERM", listener: () => void): void;
  stdout: { write(text: string): boolean };
};
declare var console: { log(...values: unknown[]): void; error(...values: unknown[]): void };
