import { db } from "~/db.server";
import { DEFAULT_SIGN_IN_PATH } from "./sign-in-path";

/**
 * The service's configured sign-in path (app/auth/sign-in-path.ts), as a string starting with
 * "/". Read from the database on each call (every app server sees a change at once); the default
 * when the database holds no service yet.
 */
export async function signInPath(): Promise<string> {
  // The one service (decision 003), read here rather than through app/service so that auth, which
  // service's settings build on, imports nothing of service's (house-rules.test.ts: no cycles).
  const service = await db().service.findFirst({ orderBy: { createdAt: "asc" }, select: { signInPath: true } });
  return service?.signInPath ?? DEFAULT_SIGN_IN_PATH;
}

/** Whether `pathname` (a URL's path, exactly as requested) is the service's way in. */
export async function isSignInPath(pathname: string): Promise<boolean> {
  return pathname === (await signInPath());
}
