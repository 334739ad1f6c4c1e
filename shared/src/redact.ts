/** Masks the password in a PostgreSQL URL (userinfo and ?password=) as ***. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    // URL escapes the asterisks it writes; put them back so the mask reads as a mask.
    return parsed.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    // Not a parseable URL: keep only what cannot be a secret.
    return url.replace(/\/\/[^@/]*@/, '//***@').replace(/password=[^&]*/gi, 'password=***');
  }
}
