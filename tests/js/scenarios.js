// Behaviour of the built package against the mock GitHub, runnable unchanged in Node, workerd and
// Chromium: each scenario throws on failure. `runtime` says where it runs ("node", "workerd", "browser").
import { basics } from "./basics.js";
import { deployments } from "./deployments.js";
import { semantics } from "./semantics.js";

export function scenarios(context) {
  return { ...basics(context), ...semantics(context), ...deployments(context) };
}
