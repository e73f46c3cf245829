#!/usr/bin/env node
// Copies what tsc does not emit (SQL migrations) next to the compiled code.
import { cpSync } from 'node:fs';

cpSync('src/infrastructure/persistence/migrations', 'dist/src/infrastructure/persistence/migrations', { recursive: true });
