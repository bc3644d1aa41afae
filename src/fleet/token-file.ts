/** One line of a `--token-auth-file`. */
export interface StaticToken {
  token: string;
  user: string;
  uid: string;
  groups: readonly string[];
}

/** Renders a kube-apiserver `--token-auth-file` (CSV: `token,user,uid,"group1,group2"`). */
export function renderTokenFile(tokens: readonly StaticToken[]): string {
  return tokens
    .map((t) => {
      const line = `${t.token},${t.user},${t.uid}`;
      return t.groups.length > 0 ? `${line},"${t.groups.join(',')}"` : line;
    })
    .join('\n')
    .concat('\n');
}
