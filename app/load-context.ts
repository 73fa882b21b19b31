import "@remix-run/node";

declare module "@remix-run/node" {
  /** What the app server (server/main.ts) gives every loader and action. */
  interface AppLoadContext {
    /** The client's address as the server sees it (after trusted proxies); used for rate limits only. */
    clientAddress: string;
  }
}
