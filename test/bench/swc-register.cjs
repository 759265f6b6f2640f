// Runs the API benchmark from TypeScript sources without a build: swc with decorator metadata (as jest
// does), and @pcsp/analytics resolved to analytics/src as jest's moduleNameMapper does.
const Module = require('node:module');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');

const analyticsSource = join(__dirname, '../../analytics/src/index.ts');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  return resolveFilename.call(this, request === '@pcsp/analytics' ? analyticsSource : request, ...rest);
};
require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
