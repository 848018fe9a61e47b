/**
 * Which links leave the lab for the system browser. The web (`https:`) and plain `http:` (a local
 * MLflow UI at http://127.0.0.1:5000, a team dashboard on the LAN) do; `file:`, `javascript:`,
 * custom schemes and anything that does not parse never reach shell.openExternal, which would hand
 * them to whatever program the OS registered for them.
 */
export function externalBrowserUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // user:password@ in a link is how a lookalike host is disguised; such a link is not followed.
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}
