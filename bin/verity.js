#!/usr/bin/env node
// Entry for `npx verity`: the CLI is TypeScript run by Node's type stripping (Node >= 24).
import '../src/cli/main.ts'
