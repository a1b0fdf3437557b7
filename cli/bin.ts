#!/usr/bin/env node
/** The `probe-run` executable: runs main() on this process. */
import { main } from './main.js';
import { realIo } from './real-io.js';

process.exitCode = await main(process.argv.slice(2), realIo());
