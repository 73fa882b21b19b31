import { vitePlugin as remix } from "@remix-run/dev";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => {
  return {
    // Files under /assets are served to anyone, signed in or not, and the sign-in page preloads
    // some of them: Vite would name them after their source files ("staff.people._personId…",
    // "quick-exit…"), which tells a visitor what the site is. In the browser's build they are
    // named by their content hash only. (The server's build keeps its names; no one downloads it.)
    build: isSsrBuild
      ? {}
      : { rollupOptions: { output: { entryFileNames: "assets/[hash].js", chunkFileNames: "assets/[hash].js", assetFileNames: "assets/[hash][extname]" } } },
    plugins: [
      remix({
        ignoredRouteFiles: ["**/*.test.{ts,tsx}"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
      tsconfigPaths(),
      withoutFullRouteManifest(),
    ],
  };
});

/**
 * Remix writes the whole route table to `assets/manifest-<version>.js` in the browser's build, and
 * every page says the version: anyone could fetch it and read every route's name, staff pages
 * included. With lazy route discovery the browser never loads that file (it asks `/__manifest`,
 * which is answered per viewer: app/safety/route-manifest.server.ts), so it is removed.
 */
function withoutFullRouteManifest(): Plugin {
  let outDir = "";
  return {
    name: "waypoint:without-full-route-manifest",
    apply: "build",
    enforce: "post",
    // Remix writes the file while the server is built (it needs both builds' manifests), into the
    // browser's build folder (Remix's default `build/client`).
    configResolved(config) {
      outDir = path.resolve(config.root, "build/client");
    },
    closeBundle() {
      const assets = path.join(outDir, "assets");
      if (!outDir || !existsSync(assets)) return;
      for (const name of readdirSync(assets)) {
        if (/^manifest-[0-9a-f]+\.js$/.test(name)) rmSync(path.join(assets, name));
      }
    },
  };
}
