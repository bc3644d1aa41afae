/**
 * What a kubeconfig taken from a Secret may do beyond static credentials. Both default to
 * `false`: a Secret written by someone else must not run commands or read files on the
 * machine that uses it.
 */
export interface KubeconfigPolicy {
  /**
   * Allow `users[].user.exec` (credential plugins) and `users[].user.auth-provider`
   * (gcp/azure/oidc plugins), which run commands or call identity providers.
   * @default false
   */
  allowExec?: boolean;
  /**
   * Allow references to local files: `certificate-authority`, `client-certificate`,
   * `client-key`, `tokenFile` / `token-file` paths.
   * @default false
   */
  allowFileRefs?: boolean;
}
