// The Pyodide half of benchmarks/engine_throughput.py: load Pyodide offline, install the checker wheel, run the same
// measure() function there and write its figures (plus load times) as JSON.
//
//   node benchmarks/engine_throughput.mjs --checker-wheel FILE --deals FILE --module FILE --out FILE
//        [--rounds N] [--batch N]

import fs from "node:fs";
import { installWheel, loadOfflinePyodide, networkAttempts } from "../tests/pyodide/pyodide_node.mjs";

function parseArgs(argv) {
  const options = { rounds: "30", batch: "2000" };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    options[key] = argv[i + 1];
  }
  for (const required of ["checkerWheel", "deals", "module", "out"]) {
    if (!options[required]) throw new Error(`--${required.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())} is required`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { pyodide, version, loadMs } = await loadOfflinePyodide();

  let t0 = performance.now();
  installWheel(pyodide, options.checkerWheel);
  const installMs = performance.now() - t0;
  t0 = performance.now();
  pyodide.runPython("import checker, checker.engine, checker.batch");
  const importMs = performance.now() - t0;

  pyodide.FS.mkdirTree("/bench");
  pyodide.FS.writeFile("/bench/engine_throughput.py", fs.readFileSync(options.module));
  pyodide.FS.writeFile("/bench/deals.json", fs.readFileSync(options.deals));
  const figures = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/bench")
import engine_throughput
with open("/bench/deals.json", encoding="utf-8") as handle:
    deals = json.load(handle)
json.dumps(engine_throughput.measure(deals, rounds=${Number(options.rounds)}, batch_size=${Number(options.batch)}))
`);
  if (networkAttempts().length > 0) throw new Error(`network requests attempted: ${networkAttempts().join(", ")}`);
  const result = JSON.parse(figures);
  result.pyodide = version;
  result.load = {
    load_pyodide_ms: loadMs,
    install_wheel_ms: installMs,
    import_checker_ms: importMs,
    ready_ms: loadMs + installMs + importMs,
  };
  fs.writeFileSync(options.out, JSON.stringify(result, null, 1));
}

try {
  await main();
} catch (error) {
  console.error("engine_throughput.mjs:", error?.stack ?? error);
  process.exitCode = 1;
}
