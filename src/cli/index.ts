export { runCli } from './run-cli.js';
export type { CliIo, CliWritable } from './cli-io.js';
export { ExitCode, exitCodeOf, exitCodeOfError, isBadInput } from './exit-code.js';
