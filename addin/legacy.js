/*
 * Older Excels on Windows show add-ins in the Internet Explorer 11 webview (volume-licensed
 * Office 2016 and 2019, Microsoft 365 builds before 16.0.11629) or in Edge Legacy (retail 2016 and
 * 2019 without the WebView2 runtime). Neither can run the add-in's bundles (modern JavaScript and
 * regular expressions that cannot be translated to ES5), so instead of a blank pane or a ribbon
 * button that never finishes, this script tells the user in Persian what to do. Plain ES5, loaded
 * right after office.js on every page; it does nothing in a modern webview.
 */
(function () {
  'use strict';
  var agent = (window.navigator && window.navigator.userAgent) || '';
  if (!/Trident\/|Edge\/\d/.test(agent)) return;
  window.mosavabatLegacyWebview = true;

  var MESSAGE = 'این اکسل افزونه‌ها را با مرورگر قدیمی درونی (Internet Explorer 11 یا Edge قدیمی) باز می‌کند و افزونه‌ی مصوبات در آن کار نمی‌کند. ' +
    'در اکسل ۲۰۱۶ و ۲۰۱۹ خرده‌فروشی، نصب Microsoft Edge WebView2 Runtime این را درست می‌کند؛ اکسل ۲۰۱۶ و ۲۰۱۹ با مجوز گروهی (Volume) باید به ۲۰۲۱ یا تازه‌تر برسد. ' +
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
      Office.actions.associate('colorRegister', explain);
    });
  }
})();
