// NestJS 12 ships as ESM only. Node runs it through require(esm), but Jest's module loader cannot
// on Node 20, so Jest compiles those packages to CommonJS with this transformer (jest.config.js).
const babelJest = require('babel-jest').default;

/** `import.meta.url` → the file URL of the CommonJS module. */
function importMetaToCjs({ types: t }) {
  return {
    visitor: {
      // ESM modules may declare their own `require` (createRequire(import.meta.url)); in CommonJS that
      // would shadow the real one the converted imports call, so give it another name.
      Program(path) {
        if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '_esmCreatedRequire');
      },
      // import('x') → a promise of require('x'): Jest's CommonJS sandbox has no dynamic import.
      CallExpression(path) {
        if (path.node.callee.type !== 'Import') return;
        const [arg] = path.node.arguments;
        path.replaceWith(
          t.callExpression(
            t.memberExpression(
              t.callExpression(t.memberExpression(t.identifier('Promise'), t.identifier('resolve')), []),
              t.identifier('then'),
            ),
            [t.arrowFunctionExpression([], t.callExpression(t.identifier('require'), [arg]))],
          ),
        );
      },
      MetaProperty(path) {
        if (path.node.meta.name !== 'import' || path.node.property.name !== 'meta') return;
        const parent = path.parentPath;
        if (parent.isMemberExpression() && parent.node.property.name === 'url') {
          parent.replaceWithSourceString("require('node:url').pathToFileURL(__filename).href");
        } else if (parent.isMemberExpression() && parent.node.property.name === 'dirname') {
          parent.replaceWith(t.identifier('__dirname'));
        } else if (parent.isMemberExpression() && parent.node.property.name === 'filename') {
          parent.replaceWith(t.identifier('__filename'));
        } else {
          path.replaceWithSourceString("({ url: require('node:url').pathToFileURL(__filename).href })");
        }
      },
    },
  };
}

const transformer = babelJest.createTransformer({
  babelrc: false,
  configFile: false,
  plugins: [importMetaToCjs, '@babel/plugin-transform-modules-commonjs'],
});

// Jest caches transformed files; a change to this file must invalidate that cache.
const ownHash = require('node:crypto')
  .createHash('sha256')
  .update(require('node:fs').readFileSync(__filename))
  .digest('hex');
const baseKey = transformer.getCacheKey.bind(transformer);
transformer.getCacheKey = (...args) => `${baseKey(...args)}:${ownHash}`;

module.exports = transformer;
