// Compiles the app server (server/main.ts and what it imports from app/ and prisma/) into
// build/server.js. Packages stay external: they are loaded from node_modules at run time.
// esbuild reads the `~/*` path alias from tsconfig.json.
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
