/**
 * The command-line tools print links built from PUBLIC_URL, or from PORT when it is unset (as the
 * server does). A link to the wrong port is useless, so when PUBLIC_URL is unset the tools say
 * which address they assumed and how to change it.
 */
export function publicUrlNote(env: NodeJS.ProcessEnv, publicUrl: string): string | null {
  if (env.PUBLIC_URL) return null;
  return `Links use ${publicUrl} (PUBLIC_URL is unset, built from ${env.PORT ? `PORT=${env.PORT}` : 'the default port 3000'}). If the server runs elsewhere, run this command with the same PUBLIC_URL or PORT as the server.\n`;
}
