#!/usr/bin/env node
// Thin stub: everything lives in the bundled entry so start-up loads as few files as possible.
import '../dist/main.js';
