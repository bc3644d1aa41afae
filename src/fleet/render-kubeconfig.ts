/** One context of a kubeconfig rendered by {@link renderKubeconfig}. */
export interface KubeconfigEntry {
  /** The context name. */
  context: string;
  /** The cluster entry name. */
  cluster: string;
  server: string;
  /** PEM of the CA that signed the server certificate (embedded as `certificate-authority-data`). */
  caPem: string;
  /** The user entry name. */
  user: string;
  token: string;
}

/**
 * Renders a self-contained kubeconfig (CA embedded, bearer tokens) as YAML. Strings are written
 * as JSON-quoted scalars, which YAML reads verbatim.
 */
export function renderKubeconfig(entries: readonly KubeconfigEntry[], currentContext: string): string {
  const q = (s: string): string => JSON.stringify(s);
  const clusters = new Map<string, KubeconfigEntry>();
  const users = new Map<string, KubeconfigEntry>();
  for (const e of entries) {
    clusters.set(e.cluster, e);
    users.set(e.user, e);
  }
  const lines = ['apiVersion: v1', 'kind: Config', 'preferences: {}', 'clusters:'];
  for (const [name, e] of clusters) {
    lines.push(`- name: ${q(name)}`, '  cluster:', `    server: ${q(e.server)}`,
      `    certificate-authority-data: ${q(Buffer.from(e.caPem).toString('base64'))}`);
  }
  lines.push('users:');
  for (const [name, e] of users) lines.push(`- name: ${q(name)}`, '  user:', `    token: ${q(e.token)}`);
  lines.push('contexts:');
  for (const e of entries) {
    lines.push(`- name: ${q(e.context)}`, '  context:', `    cluster: ${q(e.cluster)}`, `    user: ${q(e.user)}`);
  }
  lines.push(`current-context: ${q(currentContext)}`, '');
  return lines.join('\n');
}
