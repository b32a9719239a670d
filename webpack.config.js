/**
 * Builds the Excel add-in into dist/addin/: taskpane.js (addin/taskpane.ts with its core/
 * imports), commands.js (the ribbon's function file), the ES5 scripts notice.js (the ribbon's
 * message window) and legacy.js (a Persian message where Excel's webview is too old), the pages
 * and stylesheets, the icons, the Vazirmatn font from the vazirmatn package
 * and Office.js from the @microsoft/office-js package. Everything the task pane loads is served
 * from the same place: no CDN, so it works on an office network without internet.
 *
 *   npm run build:addin        (production)
 *   npx webpack --mode development
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Compilation, sources } = require('webpack');

const OUT = path.resolve(__dirname, 'dist', 'addin');
const officeJsDir = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
const fontsDir = path.join(path.dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'webfonts');

/**
 * Office.js's loader fetches the host script (excel-win32-16.01.js …), its locale strings
 * (fa-ir/office_strings.js …) and helpers (telemetry, es6-promise …) from beside office.js, so
 * the folder is copied whole except debug builds, IntelliSense files and other hosts' scripts.
 */
const OTHER_HOSTS = /^(access|onenote|outlook|outlookwebapp|powerpoint|powerpointios|project|visio|word|wordios)-/;
function keepOfficeFile(relative) {
  const name = path.basename(relative);
  if (/\.debug\.js$|-vsdoc\.js$|\.d\.ts$/.test(name)) return false;
  return !(relative === name && OTHER_HOSTS.test(name));
}

/** [asset name in dist/addin, absolute source path] for every static file. */
function staticFiles() {
  const files = [
    ['taskpane.html', path.resolve(__dirname, 'addin', 'taskpane.html')],
    ['taskpane.css', path.resolve(__dirname, 'addin', 'taskpane.css')],
    ['commands.html', path.resolve(__dirname, 'addin', 'commands.html')],
    ['notice.html', path.resolve(__dirname, 'addin', 'notice.html')],
    ['notice.css', path.resolve(__dirname, 'addin', 'notice.css')],
    // plain ES5, served as written: they must run in the Internet Explorer 11 webview too
    ['notice.js', path.resolve(__dirname, 'addin', 'notice.js')],
    ['legacy.js', path.resolve(__dirname, 'addin', 'legacy.js')],
    ['fonts/Vazirmatn-Variable.woff2', path.join(fontsDir, 'Vazirmatn[wght].woff2')],
    ['fonts/OFL.txt', path.join(fontsDir, '..', '..', 'OFL.txt')],
  ];
  // every icon addin/assets/makeIcons.js draws (the manifest test checks each one it names is here)
  for (const name of fs.readdirSync(path.resolve(__dirname, 'addin', 'assets'))) {
    if (name.endsWith('.png')) files.push([`assets/${name}`, path.resolve(__dirname, 'addin', 'assets', name)]);
  }
  for (const relative of fs.readdirSync(officeJsDir, { recursive: true })) {
    const source = path.join(officeJsDir, relative);
    if (fs.statSync(source).isFile() && keepOfficeFile(relative)) {
      files.push([`office-js/${relative.split(path.sep).join('/')}`, source]);
    }
  }
  return files;
}

/** Emits the static files as webpack assets, so they land in dist/addin and are watched. */
class CopyStaticFiles {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyStaticFiles', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyStaticFiles', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [name, source] of staticFiles()) {
            compilation.fileDependencies.add(source);
            // `minimized` keeps the minimizers off: these files are served exactly as packaged
            compilation.emitAsset(name, new sources.RawSource(fs.readFileSync(source)), { minimized: true });
          }
        },
      );
    });
  }
}

/**
 * The bundles must run in the webviews of Excel 2016/2019 too: Internet Explorer 11 and Edge
 * Legacy (EdgeHTML 18). TypeScript compiles, Babel lowers the result to ES5 (regular expressions
 * included: `\p{…}` and the `u` flag become plain character classes) and adds the core-js polyfills
 * the code uses (Promise, Map, Object.hasOwn, String#matchAll …); async functions become
 * generators run by Babel's inlined regenerator. test/es5Bundles.test.ts checks the result.
 */
const LEGACY_WEBVIEWS = ['ie 11', 'edge 18'];
const babel = {
  loader: 'babel-loader',
  options: {
    babelrc: false,
    configFile: false,
    // node_modules code may be CommonJS: let Babel tell from the file
    sourceType: 'unambiguous',
    presets: [['@babel/preset-env', {
      targets: LEGACY_WEBVIEWS, useBuiltIns: 'usage', corejs: require('core-js/package.json').version, modules: false,
    }]],
  },
};

module.exports = (_env, argv) => ({
  mode: argv.mode ?? 'production',
  target: ['web', 'es5'],
  entry: {
    taskpane: path.resolve(__dirname, 'addin', 'taskpane.ts'),
    commands: path.resolve(__dirname, 'addin', 'commands.ts'),
  },
  // publicPath '': a chunk loaded later (exceljs.js) is fetched beside the page that asks for it
  // (every page sits in dist/addin), without webpack's run-time guess from the script tags
  output: { path: OUT, filename: '[name].js', publicPath: '', clean: true },
  devtool: 'source-map',
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        // loaders run last to first: TypeScript, then Babel
        use: [babel, { loader: 'ts-loader', options: { configFile: path.resolve(__dirname, 'addin', 'tsconfig.json') } }],
      },
      {
        // packages bundled from node_modules (jalaali-js …), but not core-js itself
        test: /\.[cm]?js$/,
        include: /node_modules/,
        exclude: /node_modules[\\/](core-js|webpack)[\\/]/,
        use: [babel],
      },
    ],
  },
  plugins: [new CopyStaticFiles()],
  // Office.js's host scripts are large by nature; size hints would only be noise
  performance: { hints: false },
  // the few hundred Office.js files would bury the messages that matter
  stats: 'minimal',
});
