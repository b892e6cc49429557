// NestJS 12 ships as ESM only. Node runs it through require(esm), but Jest's module loader cannot
// on Node 20, so Jest compiles those packages to CommonJS with this transformer (jest.config.js).
const babelJest = require('babel-jest').default;

/** `import.meta.url` → the file URL of the CommonJS module. */
function importMetaToCjs({ types: t }) {
  return {
    visitor: {
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

module.exports = babelJest.createTransformer({
  babelrc: false,
  configFile: false,
  plugins: [importMetaToCjs, '@babel/plugin-transform-modules-commonjs'],
});
