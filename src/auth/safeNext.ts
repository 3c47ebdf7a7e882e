/** Only same-site paths: `next=//evil.example` must not turn a sign-in into an open redirect. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/admin/projects';
}
