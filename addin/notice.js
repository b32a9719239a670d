/*
 * The window a ribbon button opens when it could not do its work (ribbon.ts, legacy.js): shows
 * the Persian message from the page's hash (`#m=…`) and tells the button's page when the user
 * closes it. Plain ES5, copied as is (webpack.config.js): it must also run in the Internet
 * Explorer 11 webview that older Excels use.
 */
(function () {
  'use strict';
  var FALLBACK = 'فرمان انجام نشد؛ پنجره‌ی مصوبات را باز کنید تا جزئیات را ببینید.';

  function messageFrom(hash) {
    var found = /(?:^#|&)m=([^&]*)/.exec(hash || '');
    if (!found || !found[1]) return FALLBACK;
    try {
      return decodeURIComponent(found[1]);
    } catch (error) {
      return FALLBACK;
    }
  }

  var text = document.getElementById('message');
  var button = document.getElementById('close');
  if (text) text.appendChild(document.createTextNode(messageFrom(window.location.hash)));

  function close() {
    if (window.Office && Office.context && Office.context.ui) Office.context.ui.messageParent('close');
  }
  if (window.Office && Office.onReady) {
    Office.onReady(function () {
      if (button) {
        button.onclick = close;
        button.focus();
      }
      document.onkeydown = function (event) {
        var key = (event || window.event).keyCode;
        if (key === 13 || key === 27) close();
      };
    });
  }
})();
