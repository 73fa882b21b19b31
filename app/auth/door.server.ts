import { currentService } from "~/service/service.server";
import { DEFAULT_SIGN_IN_PATH } from "~/safety/sign-in-path";

/**
 * The service's configured sign-in path (app/safety/sign-in-path.ts), as a string starting with
 * "/". Read from the database on each call (every app server sees a change at once); the default
 * when the database holds no service yet.
 */
export async function signInPath(): Promise<string> {
  return (await currentService())?.signInPath ?? DEFAULT_SIGN_IN_PATH;
}

/** Whether `pathname` (a URL's path, exactly as requested) is the service's way in. */
export async function isSignInPath(pathname: string): Promise<boolean> {
  return pathname === (await signInPath());
}
