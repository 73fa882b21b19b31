import { createContext, useContext } from "react";

/** The per-request CSP nonce, so inline scripts Remix writes can run under an enforced policy. */
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export function useNonce() {
  return useContext(NonceContext);
}
