import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ command }) => {
  // The demo sign-in exists in development and in the demo build `npm start` makes
  // (WAYPOINT_DEMO_BUILD=1); a production build (`npm run build`) leaves its route file out
  // entirely, so no code path to it ships. docs/decisions/004-demo-sign-in.md
  const demoSignIn = command === "serve" || process.env.WAYPOINT_DEMO_BUILD === "1";
  return {
    define: { __DEMO_SIGN_IN__: JSON.stringify(demoSignIn) },
    plugins: [
      remix({
        ignoredRouteFiles: ["**/*.test.{ts,tsx}", ...(demoSignIn ? [] : ["**/demo-sign-in.tsx"])],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
      tsconfigPaths(),
    ],
  };
});
