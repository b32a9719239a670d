/*
 * The add-in's bundles are built to ES5 with polyfills (webpack.config.js), so they run in every
 * webview Excel uses, down to Internet Explorer 11 (volume-licensed Office 2016 and 2019) and Edge
 * Legacy (retail 2016 and 2019 without the WebView2 runtime). What no polyfill can add is ES5
 * itself — property accessors, JSON, Array#forEach, addEventListener — which every webview since
 * Internet Explorer 9 has; Office add-ins never load in anything older. Only where that is missing
 * does this script, instead of a blank pane or a ribbon button that never finishes, tell the user
 * in Persian what to do. What a given Excel cannot do (ExcelApi requirement sets) is the pane's
 * to say (addin/excel/capabilities.ts). Plain ES5, loaded right after office.js on every page.
 */
(function () {
  'use strict';
  if (canRunBundles()) return;
  window.mosavabatLegacyWebview = true;

  var MESSAGE = 'مرورگر درونی‌ای که این اکسل افزونه‌ها را با آن باز می‌کند برای افزونه‌ی مصوبات بسیار قدیمی است و افزونه در آن کار نمی‌کند. ' +
    'نصب Microsoft Edge WebView2 Runtime یا به‌روزرسانی اکسل این را درست می‌کند. ' +
    'تا آن زمان رنگ‌آمیزی، بررسی و خلاصه را با صفحه‌ی سرویس مصوبات یا دستورهای mosavabat color و validate انجام دهید.';

  // the page this script was loaded by: the last <script> when it runs (IE11 has no currentScript)
  var scripts = document.getElementsByTagName('script');
  var page = scripts.length ? scripts[scripts.length - 1].getAttribute('data-page') : null;

  if (page === 'pane') {
    var show = function () {
      var main = document.createElement('main');
      var title = document.createElement('h1');
      var text = document.createElement('p');
      title.appendChild(document.createTextNode('مصوبات'));
      text.setAttribute('role', 'alert');
      text.appendChild(document.createTextNode(MESSAGE));
      main.appendChild(title);
      main.appendChild(text);
      while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
      document.body.appendChild(main);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
    else show();
  }

  if (page === 'commands' && window.Office && Office.onReady) {
    // every ExecuteFunction button answers with the same message, then finishes
    var explain = function (event) {
      var finished = false;
      var finish = function () {
        if (!finished) {
          finished = true;
          event.completed();
        }
      };
      try {
        var url = window.location.href.replace(/[?#].*$/, '').replace(/[^/]*$/, 'notice.html') + '#m=' + encodeURIComponent(MESSAGE);
        Office.context.ui.displayDialogAsync(url, { height: 40, width: 40, displayInIframe: true }, function (result) {
          if (result.status !== 'succeeded') {
            finish();
            return;
          }
          var dialog = result.value;
          var closeAll = function () {
            try {
              dialog.close();
            } finally {
              finish();
            }
          };
          dialog.addEventHandler('dialogMessageReceived', closeAll);
          dialog.addEventHandler('dialogEventReceived', closeAll);
        });
      } catch (error) {
        finish();
      }
    };
    Office.onReady(function () {
      // every FunctionName of the manifest (test/addinManifest.test.ts checks the built bundle; test/legacyWebview.test.ts this list)
      Office.actions.associate('colorRegister', explain);
      Office.actions.associate('writeSummary', explain);
    });
  }

  /** Whether this webview has the ES5 the polyfilled bundles build on. */
  function canRunBundles() {
    try {
      var probe = {};
      Object.defineProperty(probe, 'x', { get: function () { return 1; } });
      return probe.x === 1 && typeof Object.create === 'function' && typeof Array.prototype.forEach === 'function' &&
        typeof JSON === 'object' && typeof document.addEventListener === 'function';
    } catch (error) {
      return false;
    }
  }
})();
