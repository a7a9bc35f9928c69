// Shortens the names the wasm and its glue share (import module, imports, exports), then minifies
// the glue: wasm-bindgen's names carry 16-hex-digit hashes that gzip cannot squeeze, twice over.
// Usage: node scripts/shrink.js IN.wasm IN.js OUT.wasm OUT.js
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

// esbuild is a test dependency: tests/node_modules holds it (scripts/setup.sh installs it).
const { transformSync } = createRequire(new URL("../tests/package.json", import.meta.url))("esbuild");

const [inWasm, inJs, outWasm, outJs] = process.argv.slice(2);
const MODULE = "./github_deployment_status_bg.js";
const SECTION_IMPORT = 2;
const SECTION_EXPORT = 7;

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function encodeUleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const encodeName = (name) => {
  const utf8 = Buffer.from(name, "utf8");
  return [...encodeUleb(utf8.length), ...utf8];
};

/** Reads a name at `at`; returns [string, next offset]. */
function readName(bytes, at) {
  const [length, start] = uleb(bytes, at);
  return [Buffer.from(bytes.subarray(start, start + length)).toString("utf8"), start + length];
}

/** Short names: a, b, ..., z, A, ..., Z, aa, ab, ... (none a JS keyword or reserved). */
function* shortNames() {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let length = 1; ; length++) {
    const digits = new Array(length).fill(0);
    for (;;) {
      const name = digits.map((d) => alphabet[d]).join("");
      if (!["do", "if", "in"].includes(name)) yield name;
      let i = length - 1;
      while (i >= 0 && ++digits[i] === alphabet.length) digits[i--] = 0;
      if (i < 0) break;
    }
  }
}

/** Rewrites the import and export sections with names from `rename`; other bytes are kept. */
function renameWasm(bytes, importNames, exportNames) {
  // Whole sections are copied as slices: spreading a section into an array overflows the stack.
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = uleb(bytes, at + 1);
    const end = start + size;
    if (id !== SECTION_IMPORT && id !== SECTION_EXPORT) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    const body = [];
    let [count, p] = uleb(bytes, start);
    body.push(...encodeUleb(count));
    for (let i = 0; i < count; i++) {
      if (id === SECTION_IMPORT) {
        let module;
        let field;
        [module, p] = readName(bytes, p);
        [field, p] = readName(bytes, p);
        const renamed = module === MODULE;
        body.push(...encodeName(renamed ? "a" : module), ...encodeName(renamed ? importNames.get(field) : field));
        const descStart = p;
        p = skipImportDesc(bytes, p);
        body.push(...bytes.subarray(descStart, p));
      } else {
        let field;
        [field, p] = readName(bytes, p);
        body.push(...encodeName(exportNames.get(field)));
        const descStart = p;
        p = uleb(bytes, p + 1)[1];
        body.push(...bytes.subarray(descStart, p));
      }
    }
    if (p !== end) throw new Error(`section ${id} did not parse to its end`);
    parts.push(Uint8Array.from([id, ...encodeUleb(body.length), ...body]));
    at = end;
  }
  return Buffer.concat(parts);
}

/** Skips an import's description (function, table, memory, global or tag). */
function skipImportDesc(bytes, p) {
  const kind = bytes[p++];
  const limits = (q) => {
    const flags = bytes[q++];
    q = uleb(bytes, q)[1];
    return flags & 1 ? uleb(bytes, q)[1] : q;
  };
  switch (kind) {
    case 0: // function: type index
      return uleb(bytes, p)[1];
    case 1: // table: reftype + limits
      return limits(p + 1);
    case 2: // memory: limits
      return limits(p);
    case 3: // global: valtype + mutability
      return p + 2;
    case 4: // tag: attribute + type index
      return uleb(bytes, p + 1)[1];
    default:
      throw new Error(`unknown import kind ${kind}`);
  }
}

/** Every import and export name of the module `MODULE` declares, in order. */
function listNames(bytes) {
  const imports = [];
  const exports = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = uleb(bytes, at + 1);
    if (id === SECTION_IMPORT || id === SECTION_EXPORT) {
      let [count, p] = uleb(bytes, start);
      for (let i = 0; i < count; i++) {
        let name;
        if (id === SECTION_IMPORT) {
          let module;
          [module, p] = readName(bytes, p);
          [name, p] = readName(bytes, p);
          if (module === MODULE) imports.push(name);
          p = skipImportDesc(bytes, p);
        } else {
          [name, p] = readName(bytes, p);
          exports.push(name);
          p = uleb(bytes, p + 1)[1];
        }
      }
    }
    at = start + size;
  }
  return { imports, exports };
}

const wasm = readFileSync(inWasm);
const { imports, exports } = listNames(wasm);
const names = shortNames();
const importNames = new Map(imports.map((n) => [n, names.next().value]));
// `memory` keeps its name: tests and benchmarks read `initSync(...).memory` to watch wasm memory.
const exportNames = new Map(exports.map((n) => [n, n === "memory" ? n : names.next().value]));

let glue = readFileSync(inJs, "utf8");
const replaceWhole = (text, from, to, count) => {
  const pattern = new RegExp(`(?<![\\w$])${from.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  const found = text.match(pattern)?.length ?? 0;
  if (count !== undefined && found !== count) throw new Error(`${from}: expected ${count} uses in the glue, found ${found}`);
  return text.replace(pattern, to);
};
for (const [from, to] of importNames) glue = replaceWhole(glue, `${from}:`, `${to}:`, 1);
for (const [from, to] of exportNames) glue = replaceWhole(glue, `wasm.${from}`, `wasm.${to}`);
glue = replaceWhole(glue, `"${MODULE}":`, '"a":', 1);
const leftover = glue.match(/wasm\.(__wbg|__wbindgen|client_|pageiterator_|wasm_bindgen)\w*/);
if (leftover) throw new Error(`an export the wasm lacks is still named in the glue: ${leftover[0]}`);

// Our entries call the glue's initSync({ module }) and default({ module_or_path }) and nothing else
// can (package.json exports only the entries): the branches for wasm-bindgen's older argument
// forms, and the default wasm URL (a second `new URL(..., import.meta.url)` for bundlers to follow),
// are dead code here.
const DEAD = [
  [
    `    if (module !== undefined) {
        if (Object.getPrototypeOf(module) === Object.prototype) {
            ({module} = module)
        } else {
            console.warn('using deprecated parameters for \`initSync()\`; pass a single object instead')
        }
    }
`,
    "    ({module} = module);\n",
  ],
  [
    `    if (module_or_path !== undefined) {
        if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
            ({module_or_path} = module_or_path)
        } else {
            console.warn('using deprecated parameters for the initialization function; pass a single object instead')
        }
    }

    if (module_or_path === undefined) {
        module_or_path = new URL('github_deployment_status_bg.wasm', import.meta.url);
    }
`,
    "    ({module_or_path} = module_or_path);\n",
  ],
];
for (const [from, to] of DEAD) {
  if (glue.split(from).length !== 2) throw new Error(`wasm-bindgen's glue changed: expected once in it:\n${from}`);
  glue = glue.replace(from, to);
}

// Every error the client rejects or throws with is made by ERROR_LINE, the glue's last line: Node
// prints the source line where an uncaught error was made, and the rest of the minified glue is one
// line of ~10 KB. Each starts with `status: 0` (no answer came), which HttpError and DecodeError
// then overwrite with the HTTP status.
const ERROR_MAKER = "deploymentStatusError";
const ERROR_LINE = `function ${ERROR_MAKER}(message){const error=new Error(message);error.status=0;return error}`;
const makeError = "const ret = new Error(";
if (glue.split(makeError).length !== 2) throw new Error(`expected one "${makeError}" in the glue (js_sys::Error::new)`);
glue = glue.replace(makeError, `const ret = ${ERROR_MAKER}(`);

// A client used after free(): wasm-bindgen passes its pointer, now 0, to Rust, which throws
// "null pointer passed to rust" at once. Instead each of Client's members checks first: a method
// that returns the engine's promise rejects, the others (iterate, the apiVersion getter) throw,
// with a ValidationError naming `client`; free() again does nothing. Checks in the class's own
// members cost less than wrapping each method (measured ~110 B against ~170 B gzip).
const classStart = glue.indexOf("export class Client {");
const classEnd = glue.indexOf("\n}\n", classStart);
let clientClass = glue.slice(classStart, classEnd);
const usesPointer = clientClass.split("(this.__wbg_ptr").length - 1;
let checked = 0;
clientClass = clientClass.replace(
  /\n {4}(get )?\w+\([^)]*\) \{\n {8}const ret = wasm\.\w+\(this\.__wbg_ptr[^;]*;\n {8}(return (?:takeObject\()?ret\)?;)?/g,
  (member, getter, returns) => {
    checked += 1;
    const refuse = returns && !getter ? "return Promise.reject(clientFreed());" : "throw clientFreed();";
    const at = member.indexOf("const ret");
    return `${member.slice(0, at)}if (!this.__wbg_ptr) ${refuse}\n        ${member.slice(at)}`;
  },
);
const free = "        const ptr = this.__destroy_into_raw();";
if (checked === 0 || checked !== usesPointer || clientClass.split(free).length !== 2) {
  throw new Error(`wasm-bindgen's Client class changed (${checked} of ${usesPointer} members checked): update the freed-client checks`);
}
clientClass = clientClass.replace(free, `        if (!this.__wbg_ptr) return;\n${free}`);
glue = `${glue.slice(0, classStart)}${clientClass}${glue.slice(classEnd)}
function clientFreed() {
  const error = ${ERROR_MAKER}("the client was freed (client.free()); create a new Client");
  error.name = "ValidationError";
  error.field = "client";
  return error;
}
`;

const minified = transformSync(glue, { minify: true, format: "esm", target: "es2022", legalComments: "none" }).code;
writeFileSync(outWasm, renameWasm(wasm, importNames, exportNames));
writeFileSync(outJs, `${minified.trimEnd()}\n${ERROR_LINE}\n`);
