#!/usr/bin/env node
import { isGlibc, needsArenaLimit, runWithArenaLimit } from './allocator.js';

// Decided before the commands load, so the restarted process is the only one that pays for them.
if (needsArenaLimit(process.env, process.platform, isGlibc())) {
  process.exitCode = await runWithArenaLimit(process.argv.slice(1));
} else {
  await import('./program.js');
}
