// Child process: loads the SDK and does nothing, for the RSS floor of `node --import tsx`.
import { Sync } from '../src/index.js';
import { printChildResult } from './child-result.js';

printChildResult({ ms: 0, maxRssKb: process.resourceUsage().maxRSS, requests: { loaded: typeof Sync === 'function' ? 1 : 0 } });
