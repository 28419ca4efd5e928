/* Snowball stemmers for Dutch and English (handover search): the "dutch"
 * and "english" (Porter2) algorithms of https://snowballstem.org (BSD;
 * Martin Porter, Richard Boulton), written for handover to stem exactly as
 * github.com/blevesearch/snowballstem v0.9.0 does at build time; the Go
 * tests compare the two on tens of thousands of words. Words come folded. */
(function (g) {
  'use strict';

  function isIn(set, c) { return c !== undefined && set.indexOf(c) >= 0; }

  /** longest returns the longest of list that s ends with, or ''. */
  function longest(s, list) {
    var best = '';
    for (var i = 0; i < list.length; i++) {
      var x = list[i];
      if (x.length > best.length && s.length >= x.length && s.slice(s.length - x.length) === x) best = x;
    }
    return best;
  }

  /** regions returns [p1, p2] of w: the ends of the first and second
   * vowel-consonant pairs, or w.length. */
  function regions(w, vowels, start) {
    var p = [w.length, w.length], i = start, k = 0;
    for (; k < 2; k++) {
      while (i < w.length && !isIn(vowels, w[i])) i++;
      while (i < w.length && isIn(vowels, w[i])) i++;
      if (i >= w.length) break;
      p[k] = ++i;
    }
    return p;
  }

  /* ---- Dutch ---- */

  var NL_V = 'aeiouy\u00e8', NL_VI = NL_V + 'I', NL_VJ = NL_V + 'j';
  var NL_ACCENTS = { '\u00e1': 'a', '\u00e4': 'a', '\u00e9': 'e', '\u00eb': 'e', '\u00ed': 'i', '\u00ef': 'i', '\u00f3': 'o', '\u00f6': 'o', '\u00fa': 'u', '\u00fc': 'u' };

  function dutch(w) {
    var s = w.replace(/[\u00e1\u00e4\u00e9\u00eb\u00ed\u00ef\u00f3\u00f6\u00fa\u00fc]/g, function (c) { return NL_ACCENTS[c]; }).split('');
    if (s[0] === 'y') s[0] = 'Y';
    for (var i = 0; i < s.length; i++) {
      if (!isIn(NL_V, s[i])) continue;
      if (s[i + 1] === 'i' && isIn(NL_V, s[i + 2])) s[i + 1] = 'I';
      else if (s[i + 1] === 'y') s[i + 1] = 'Y';
    }
    s = s.join('');
    // p1 after the first non-vowel that follows a vowel, at least 3; p2 the next such
    var p1 = s.length, p2 = s.length, j = 0;
    while (j < s.length && !isIn(NL_V, s[j])) j++;
    if (j < s.length) {
      j++;
      while (j < s.length && isIn(NL_V, s[j])) j++;
      if (j < s.length) {
        p1 = Math.max(j + 1, 3);
        j++;
        while (j < s.length && !isIn(NL_V, s[j])) j++;
        if (j < s.length) {
          j++;
          while (j < s.length && isIn(NL_V, s[j])) j++;
          if (j < s.length) p2 = j + 1;
        }
      }
    }
    var eFound = false;
    var end = function (x) { return s.slice(s.length - x.length) === x && s.length >= x.length; };
    var before = function (n) { return s.charAt(s.length - n - 1); }; // the character before the last n
    var undouble = function () {
      if (end('dd') || end('kk') || end('tt')) s = s.slice(0, -1);
    };
    var enEnding = function (n) { // delete the last n letters (en, ene) under the en-ending conditions
      var at = s.length - n;
      if (at < p1 || at < 1 || isIn(NL_V, s[at - 1]) || s.slice(at - 3, at) === 'gem' && at >= 3) return false;
      s = s.slice(0, at);
      undouble();
      return true;
    };
    var eEnding = function () {
      eFound = false;
      var at = s.length - 1;
      if (!end('e') || at < p1 || at < 1 || isIn(NL_V, s[at - 1])) return false;
      s = s.slice(0, at);
      eFound = true;
      undouble();
      return true;
    };
    var suf = longest(s, ['heden', 'ene', 'en', 'se', 's']);
    var at = s.length - suf.length;
    if (suf === 'heden') { if (at >= p1) s = s.slice(0, at) + 'heid'; }
    else if (suf === 'en' || suf === 'ene') enEnding(suf.length);
    else if (suf === 's' || suf === 'se') { if (at >= p1 && at >= 1 && !isIn(NL_VJ, s[at - 1])) s = s.slice(0, at); }
    eEnding();
    if (end('heid') && s.length - 4 >= p2 && before(4) !== 'c') {
      s = s.slice(0, -4);
      if (end('en')) enEnding(2);
    }
    suf = longest(s, ['end', 'ing', 'ig', 'lijk', 'baar', 'bar']);
    at = s.length - suf.length;
    if (suf && at >= p2) {
      if (suf === 'end' || suf === 'ing') {
        s = s.slice(0, at);
        if (end('ig') && s.length - 2 >= p2 && before(2) !== 'e') s = s.slice(0, -2);
        else undouble();
      } else if (suf === 'ig') {
        if (before(2) !== 'e') s = s.slice(0, at);
      } else if (suf === 'lijk') {
        s = s.slice(0, at);
        eEnding();
      } else if (suf === 'baar') {
        s = s.slice(0, at);
      } else if (suf === 'bar') {
        if (eFound) s = s.slice(0, at);
      }
    }
    var n = s.length;
    if (n >= 4 && !isIn(NL_VI, s[n - 1]) && /^(aa|ee|oo|uu)$/.test(s.slice(n - 3, n - 1)) && !isIn(NL_V, s[n - 4])) {
      s = s.slice(0, n - 2) + s[n - 1];
    }
    return s.replace(/Y/g, 'y').replace(/I/g, 'i');
  }

  /* ---- English (Porter2) ---- */

  var EN_V = 'aeiouy', EN_WXY = 'aeiouywxY', EN_LI = 'cdeghkmnrt';
  var EN_EXCEPTIONS = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl',
    ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl',
    sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes'
  };
  var EN_INVARIANT = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];
  var EN_STEP2 = {
    tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize', ization: 'ize',
    ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful',
    ousli: 'ous', ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble', ogi: 'og',
    fulli: 'ful', lessli: 'less', li: ''
  };
  var EN_STEP3 = { tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic', ful: '', ness: '', ative: '' };
  var EN_STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'];
  var keys2 = Object.keys(EN_STEP2), keys3 = Object.keys(EN_STEP3);

  function english(w) {
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, w)) return EN_EXCEPTIONS[w];
    if (w.length < 3) return w;
    var s = w.charAt(0) === "'" ? w.slice(1) : w, yFound = false;
    if (s.charAt(0) === 'y') { s = 'Y' + s.slice(1); yFound = true; }
    var c = s.split('');
    for (var i = 0; i + 1 < c.length; i++) {
      if (isIn(EN_V, c[i]) && c[i + 1] === 'y') { c[i + 1] = 'Y'; yFound = true; }
    }
    s = c.join('');
    var p1, p2;
    var pre = /^(gener|commun|arsen)/.exec(s);
    if (pre) {
      p1 = pre[0].length;
      p2 = regions(s.slice(p1), EN_V, 0)[0] + p1;
      if (p2 > s.length) p2 = s.length;
    } else {
      var p = regions(s, EN_V, 0);
      p1 = p[0]; p2 = p[1];
    }
    var end = function (x) { return s.length >= x.length && s.slice(s.length - x.length) === x; };
    var vowelIn = function (t) { for (var k = 0; k < t.length; k++) if (isIn(EN_V, t[k])) return true; return false; };
    var shortv = function (t) { // t ends in a short syllable
      var n = t.length;
      if (n >= 3 && !isIn(EN_WXY, t[n - 1]) && isIn(EN_V, t[n - 2]) && !isIn(EN_V, t[n - 3])) return true;
      return n === 2 && !isIn(EN_V, t[1]) && isIn(EN_V, t[0]);
    };
    // Step 0
    var suf = longest(s, ["'", "'s'", "'s"]);
    if (suf) s = s.slice(0, s.length - suf.length);
    // Step 1a
    suf = longest(s, ['sses', 'ied', 'ies', 's', 'ss', 'us']);
    var at = s.length - suf.length;
    if (suf === 'sses') s = s.slice(0, at) + 'ss';
    else if (suf === 'ied' || suf === 'ies') s = s.slice(0, at) + (at >= 2 ? 'i' : 'ie');
    else if (suf === 's' && at >= 2 && vowelIn(s.slice(0, at - 1))) s = s.slice(0, at);
    if (EN_INVARIANT.indexOf(s) >= 0) return yFound ? s.replace(/Y/g, 'y') : s;
    // Step 1b
    suf = longest(s, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    at = s.length - suf.length;
    if (suf === 'eed' || suf === 'eedly') {
      if (at >= p1) s = s.slice(0, at) + 'ee';
    } else if (suf && vowelIn(s.slice(0, at))) {
      s = s.slice(0, at);
      if (end('at') || end('bl') || end('iz')) s += 'e';
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(s)) s = s.slice(0, -1);
      else if (s.length === p1 && shortv(s)) s += 'e';
    }
    // Step 1c
    var n = s.length;
    if ((end('y') || end('Y')) && n >= 3 && !isIn(EN_V, s[n - 2])) s = s.slice(0, -1) + 'i';
    // Step 2
    suf = longest(s, keys2);
    at = s.length - suf.length;
    if (suf && at >= p1) {
      if (suf === 'ogi') { if (s[at - 1] === 'l') s = s.slice(0, at) + 'og'; }
      else if (suf === 'li') { if (isIn(EN_LI, s[at - 1])) s = s.slice(0, at); }
      else s = s.slice(0, at) + EN_STEP2[suf];
    }
    // Step 3
    suf = longest(s, keys3);
    at = s.length - suf.length;
    if (suf && at >= p1 && (suf !== 'ative' || at >= p2)) s = s.slice(0, at) + EN_STEP3[suf];
    // Step 4
    suf = longest(s, EN_STEP4);
    at = s.length - suf.length;
    if (suf && at >= p2 && (suf !== 'ion' || s[at - 1] === 's' || s[at - 1] === 't')) s = s.slice(0, at);
    // Step 5
    at = s.length - 1;
    if (end('e') && (at >= p2 || at >= p1 && !shortv(s.slice(0, at)))) s = s.slice(0, at);
    else if (end('l') && at >= p2 && s[at - 1] === 'l') s = s.slice(0, at);
    return yFound ? s.replace(/Y/g, 'y') : s;
  }

  var factory = {
    newStemmer: function (name) {
      var f = { dutch: dutch, english: english }[String(name).toLowerCase()];
      return { stem: function (w) { return f(w); } };
    }
  };
  g.snowballFactory = factory;
  if (typeof module !== 'undefined' && module.exports) module.exports = factory;
})(typeof window !== 'undefined' ? window : globalThis);
