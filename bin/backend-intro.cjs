#!/usr/bin/env node
// Thin stub: everything lives in the bundled entry (CommonJS, which Node starts fastest).
require('../dist/main.cjs');
