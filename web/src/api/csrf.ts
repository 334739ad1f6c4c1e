/**
 * The CSRF token of the current session, kept outside React so the api client can add it to
 * every write without a hook. useSession writes it whenever a session loads or ends; the
 * value is not a secret from this page (the server sends it in a JSON body), it only proves
 * to the api that a write came from our own origin.
 */
let current = '';

export function setCsrfToken(token: string): void {
  current = token;
}

export function getCsrfToken(): string {
  return current;
}
