// Names the READMEs' code fragments use without defining them, as the prose around them gives them
// (readme.js explains the check). A block that defines one of these shadows it: each is a module.
import type { Client as ClientClass, DeploymentStatus } from "github-deployment-status";

declare global {
  /** The package's class, imported as the quick starts show. */
  const Client: typeof ClientClass;
  /** The client of the README's quick starts. */
  const github: ClientClass;
  const owner: string;
  const repo: string;
  const deployment_id: number;
  const token: string;
  /** An optional description, e.g. from a variable that may be unset. */
  const description: string | undefined;
  /** A progress bar of the page. */
  const bar: { set(fraction: number): void };
  /** Draws statuses on the page. */
  function render(statuses: DeploymentStatus[]): void;
}
