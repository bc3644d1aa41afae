import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli/parse-cli-args.js';
import { OptionsError } from '../../../src/index.js';

function parseError(argv: string[]): OptionsError {
  try {
    parseCliArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(OptionsError);
    return err as OptionsError;
  }
  throw new Error(`parseCliArgs(${JSON.stringify(argv)}) did not throw`);
}

describe('parseCliArgs', () => {
  it('parses a full apply command line with kubectl-like flags in any position', () => {
    const inv = parseCliArgs(['--kubeconfig', 'k.yaml', 'apply', '-f', 'deploy/', '-f', 'extra.yaml', '--name', 'app', '-n', 'web', '--context=mgmt', '--timeout', '5m', '--concurrency', '4', '-o', 'json', '--dry-run', '--force', '--target-namespace', 'prod']);
    expect(inv.command).toBe('apply');
    expect(inv.args).toEqual([]);
    expect(inv.global).toEqual({ kubeconfig: 'k.yaml', context: 'mgmt', namespace: 'web', output: 'json', verbose: false });
    expect(inv.flags.filename).toEqual(['deploy/', 'extra.yaml']);
    expect(inv.flags.name).toBe('app');
    expect(inv.flags.timeout).toBe('5m');
    expect(inv.flags.concurrency).toBe('4');
    expect(inv.flags['dry-run']).toBe(true);
    expect(inv.flags.force).toBe(true);
    expect(inv.flags['target-namespace']).toBe('prod');
  });

  it('leaves booleans unset when not given, so commands apply their defaults', () => {
    const inv = parseCliArgs(['apply', '-f', 'x', '--name', 'a']);
    expect(inv.flags.prune).toBeUndefined();
    expect(inv.flags.wait).toBeUndefined();
    expect(inv.global.output).toBe('text');
  });

  it.each([
    [['--prune=false'], false],
    [['--prune=true'], true],
    [['--prune=FALSE'], false],
    [['--no-prune'], false],
    [['--prune'], true],
  ])('reads %j as prune=%s', (flag, expected) => {
    expect(parseCliArgs(['apply', '-f', 'x', '--name', 'a', ...flag]).flags.prune).toBe(expected);
  });

  it('reads -f - (stdin) as a path, and -nNS / -ojson short forms', () => {
    const inv = parseCliArgs(['diff', '-f', '-', '--name', 'a', '-nweb', '-ojson']);
    expect(inv.flags.filename).toEqual(['-']);
    expect(inv.global.namespace).toBe('web');
    expect(inv.global.output).toBe('json');
  });

  it('turns -h into help for the command, and --version into version', () => {
    expect(parseCliArgs(['apply', '-h'])).toMatchObject({ command: 'help', args: ['apply'] });
    expect(parseCliArgs(['--help'])).toMatchObject({ command: 'help', args: [] });
    expect(parseCliArgs(['--version']).command).toBe('version');
  });

  it('takes the fleet action as a positional', () => {
    const inv = parseCliArgs(['fleet', 'up', '--dir', '/tmp/f', '--clusters', 'mgmt,edge-1', '--controller-manager=false']);
    expect(inv).toMatchObject({ command: 'fleet', args: ['up'] });
    expect(inv.flags).toMatchObject({ dir: '/tmp/f', clusters: 'mgmt,edge-1', 'controller-manager': false });
  });

  it('takes controller flags, leader election negatable', () => {
    const inv = parseCliArgs(['controller', '-n', 'fleet', '--concurrency', '8', '--leader-elect=false']);
    expect(inv.flags['leader-elect']).toBe(false);
    expect(inv.global.namespace).toBe('fleet');
  });

  it.each([
    [[], /no command given/],
    [['deploy'], /unknown command "deploy"/],
    [['apply', '--bogus'], /unknown flag --bogus/],
    [['apply', '-f'], /--filename <value>' argument missing/],
    [['crds', '--name', 'x'], /crds does not take --name/],
    [['delete', '--prune'], /delete does not take --prune/],
    [['apply', '--prune=maybe'], /--prune: expected true or false, got "maybe"/],
    [['apply', '--no-name'], /unknown flag --no-name/],
    [['--no-help'], /unknown flag --no-help/],
    [['crds', '-o', 'yaml'], /-o\/--output: expected text or json, got "yaml"/],
    [['fleet'], /fleet: missing argument/],
    [['fleet', 'up', 'now'], /fleet: unexpected argument "now"/],
    [['status', 'extra'], /status: unexpected argument "extra"/],
  ])('refuses %j with a clear OptionsError', (argv, message) => {
    const err = parseError(argv);
    expect(err.code).toBe('INVALID_OPTIONS');
    expect(err.message).toMatch(message);
  });
});
