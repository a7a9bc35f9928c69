// The reliability suites, each a function of { Client, mock, foreign, runtime, inspect? } returning
// { [scenario]: async () => data }: the same code runs in Node and inside workerd.
import { badInputs } from "./bad-input.js";
import { faultMatrix } from "./fault-matrix.js";
import { hygiene } from "./hygiene.js";

export const SUITES = { "fault matrix": faultMatrix, "bad input": badInputs, "token hygiene": hygiene };
