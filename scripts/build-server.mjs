// Compiles the app server (server/main.ts and what it imports from app/ and prisma/) into
// build/server.js. Packages stay external: they are loaded from node_modules at run time.
// esbuild reads the `~/*` path alias from tsconfig.json.
import { writeFileSync } from "node:fs";
import { build } from "esbuild";

await build({
  entryPoints: ["server/main.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});

// Which kind of build this is, for scripts/ensure-ready.mjs: a production build must never be
// mistaken for the demo build (it has no demo sign-in), nor the other way round.
writeFileSync("build/.build-kind", process.env.WAYPOINT_DEMO_BUILD === "1" ? "demo" : "production");
