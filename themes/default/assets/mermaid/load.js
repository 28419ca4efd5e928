/* handover: draws the Mermaid diagrams of a page.
 *
 * Only pages with a diagram load this script (the page's body ends with
 * it). It adds the mermaid library (mermaid.min.js, beside this file, MIT:
 * LICENSE.txt) as a plain <script>, which browsers allow from file://, and
 * draws every <pre class="mermaid">. Without JavaScript the diagram's
 * source stays readable as text. The print document loads it once per
 * diagram page: it runs once.
 */
(function () {
  'use strict';
  if (window.__handoverMermaid) return;
  window.__handoverMermaid = true;
  var self = document.currentScript;
  var base = self ? self.src.replace(/[^/]*$/, '') : 'assets/mermaid/';

  function draw() {
    if (!window.mermaid || !document.querySelector('pre.mermaid')) return;
    var choice = document.documentElement.getAttribute('data-theme'); // the reader's (app.js)
    var dark = choice ? choice === 'dark' : window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
    window.mermaid.run({ querySelector: 'pre.mermaid' }).then(function () {
      document.documentElement.classList.add('mermaid-drawn');
    }, function () {
      /* a diagram mermaid cannot read keeps its source, readable as text */
    });
  }

  function start() {
    if (!document.querySelector('pre.mermaid')) return;
    var s = document.createElement('script');
    s.src = base + 'mermaid.min.js';
    s.onload = draw;
    document.head.appendChild(s);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
