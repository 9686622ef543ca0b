/*
 * search.js: the site's offline search and catalogue filter (gongkai).
 * Plain ES2017, no library; it requests only the site's own search/ files.
 * The index format is described in internal/search/doc.go.
 *
 * DOM contract (what the search page provides and what this script writes):
 *
 *   <html data-base="/repo/">   the site's base path ("/" when absent)
 *   <form id="search-form">     controls named q, index_no, doc_no, department,
 *                               category, from, to (department and category may
 *                               be <select>s; from/to are YYYY-MM-DD). On submit
 *                               the script searches without reloading and puts
 *                               the query in the URL with history.replaceState.
 *   <div id="search-results">   its content is replaced by:
 *     <p class="search-count" role="status">找到 N 条结果</p>
 *       (or 没有找到相关信息, or 搜索索引加载失败，请稍后重试。)
 *     <ol class="search-list">
 *       <li class="search-result">
 *         <a class="search-title" href="BASE + url">title, matches in <mark></a>
 *         <p class="search-meta"><time datetime="2025-03-04">2025-03-04</time>
 *           <span class="search-dept">department</span></p>
 *         <p class="search-snippet">…text around the first match, in <mark>…</p>
 *       </li> …                 20 at a time, best first
 *     </ol>
 *     <button type="button" class="search-more">显示更多</button>
 *                               while results remain; it appends the next 20
 *
 * The page reads its query from the URL on load:
 *   ?q=…&index_no=…&doc_no=…&department=…&category=…&from=2025-01-01&to=2025-12-31
 * Words in q (separated by spaces) must all occur; a query of filters only
 * lists the matching documents newest first. Every piece of text inserted is
 * HTML-escaped.
 */
(function () {
  'use strict';

  var FIELDS = ['q', 'index_no', 'doc_no', 'department', 'category', 'from', 'to'];
  var PAGE = 20;
  var MAX_WORD = 24; // as internal/search maxWord
  var SNIPPET_BEFORE = 30;
  var SNIPPET_LENGTH = 120;

  // isHan, fold and isWord match internal/search/token.go.
  function isHan(c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || c === 0x3007 || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
  }

  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c >= 65 && c <= 90) c += 32;
    return c;
  }

  function isWord(c) {
    return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  }

  // foldString folds every UTF-16 unit, so indexes into the result are
  // indexes into s.
  function foldString(s) {
    var out = new Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = String.fromCharCode(fold(s.charCodeAt(i)));
    return out.join('');
  }

  // textTokens splits s as the index does: Han bigrams, [a-z0-9] words, and
  // the lone Han characters that form no bigram.
  function textTokens(s) {
    var t = { bigrams: [], words: [], singles: [] };
    var prev = -1, run = 0, word = '';
    function endRun() {
      if (run === 1) t.singles.push(String.fromCodePoint(prev));
      run = 0;
      prev = -1;
    }
    for (var ch of s) {
      var c = fold(ch.codePointAt(0));
      if (isWord(c)) {
        endRun();
        if (word.length < MAX_WORD) word += String.fromCharCode(c);
        continue;
      }
      if (word) t.words.push(word);
      word = '';
      if (!isHan(c)) { endRun(); continue; }
      if (prev >= 0) t.bigrams.push(String.fromCodePoint(prev, c));
      prev = c;
      run++;
    }
    if (word) t.words.push(word);
    endRun();
    return t;
  }

  function unique(xs) {
    return xs.filter(function (x, i) { return xs.indexOf(x) === i; });
  }

  // queryKeys returns the index tokens a query needs. A query of lone Han
  // characters only searches titles ("t:" tokens).
  function queryKeys(q) {
    var t = textTokens(q);
    var keys = unique(t.bigrams.concat(t.words));
    if (keys.length === 0 && t.singles.length > 0) {
      return unique(t.singles).map(function (c) { return 't:' + c; });
    }
    return keys;
  }

  // pairKeys returns the "i:"/"n:" tokens of a filter value: every two
  // adjacent folded characters.
  function pairKeys(prefix, value) {
    var cs = Array.from(foldString(value)), keys = [];
    for (var i = 1; i < cs.length; i++) keys.push(prefix + cs[i - 1] + cs[i]);
    return unique(keys);
  }

  // queryTerms are the words of q, folded, that results are checked and
  // highlighted with.
  function queryTerms(q) {
    return unique(foldString(q).split(/\s+/).filter(Boolean));
  }

  function utf8Bytes(s) {
    var out = [];
    for (var ch of s) {
      var c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xC0 | c >> 6, 0x80 | c & 63);
      else if (c < 0x10000) out.push(0xE0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
      else out.push(0xF0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63);
    }
    return out;
  }

  // shardOf is FNV-1a (32 bits) of the token's UTF-8 bytes modulo shards.
  function shardOf(token, shards) {
    var h = 0x811C9DC5;
    utf8Bytes(token).forEach(function (b) { h = Math.imul(h ^ b, 16777619) >>> 0; });
    return h % shards;
  }

  // decode turns [delta, weight, …] into ascending ids and their weights.
  function decode(list) {
    var ids = [], weights = [], id = 0;
    for (var i = 0; i + 1 < list.length; i += 2) {
      id += list[i];
      ids.push(id);
      weights.push(list[i + 1]);
    }
    return { ids: ids, weights: weights };
  }

  // intersect returns the ids present in every sorted list.
  function intersect(lists) {
    if (lists.length === 0) return [];
    lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
    return lists.slice(1).reduce(function (acc, list) {
      var out = [], j = 0;
      for (var i = 0; i < acc.length; i++) {
        while (j < list.length && list[j] < acc[i]) j++;
        if (j < list.length && list[j] === acc[i]) out.push(acc[i]);
      }
      return out;
    }, lists[0]);
  }

  // weightsOf returns the weight of each candidate in a posting list.
  function weightsOf(posting, candidates) {
    var out = new Array(candidates.length), j = 0;
    for (var i = 0; i < candidates.length; i++) {
      while (posting.ids[j] < candidates[i]) j++;
      out[i] = posting.ids[j] === candidates[i] ? posting.weights[j] : 0;
    }
    return out;
  }

  // rank orders candidates by: every query token in the title, the number of
  // tokens in the title, the smallest term frequency, then newest (lowest id).
  function rank(candidates, postings) {
    var scored = candidates.map(function (id) { return { id: id, title: 0, tf: Infinity }; });
    postings.forEach(function (p) {
      weightsOf(p, candidates).forEach(function (w, i) {
        scored[i].title += w & 1;
        scored[i].tf = Math.min(scored[i].tf, w >> 1);
      });
    });
    var n = postings.length;
    scored.sort(function (a, b) {
      return ((b.title === n) - (a.title === n)) || (b.title - a.title) || (b.tf - a.tf) || (a.id - b.id);
    });
    return scored.map(function (s) { return s.id; });
  }

  // Searcher searches the index. load maps a path relative to the site root
  // to a Promise of parsed JSON; loadText maps a document's site-relative URL
  // to a Promise of its plain text (the browser reads the article page itself,
  // so the index carries no second copy of every text).
  function Searcher(load, loadText) {
    this.load = load;
    this.loadText = loadText;
    this.cache = Object.create(null);
    this.texts = Object.create(null);
  }

  Searcher.prototype.get = function (path) {
    if (!this.cache[path]) this.cache[path] = this.load(path);
    return this.cache[path];
  };

  Searcher.prototype.posting = async function (meta, token) {
    var shard = await this.get('search/index/' + shardOf(token, meta.shards) + '.json');
    var list = Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : [];
    return decode(list);
  };

  Searcher.prototype.fields = async function (meta, id) {
    var chunk = await this.get('search/docs/' + Math.floor(id / meta.docChunk) + '.json');
    var f = chunk[id % meta.docChunk];
    return { id: id, url: f[0], title: f[1], date: f[2], department: f[3], category: f[4], indexNo: f[5], docNo: f[6] };
  };

  Searcher.prototype.text = async function (meta, id) {
    var url = (await this.fields(meta, id)).url;
    if (!this.texts[url]) {
      this.texts[url] = this.loadText(url).catch(function () { return ''; });
    }
    return this.texts[url];
  };

  // firstWhere returns the smallest id whose date satisfies pred, a test
  // that turns true as dates fall (ids run newest first). It loads one docs
  // chunk, found with meta.chunkDates.
  Searcher.prototype.firstWhere = async function (meta, pred) {
    var k = meta.chunkDates.findIndex(pred);
    if (k === -1) k = meta.chunkDates.length;
    if (k === 0) return 0;
    var lo = (k - 1) * meta.docChunk, hi = Math.min(k * meta.docChunk, meta.docs);
    for (var id = lo + 1; id < hi; id++) {
      if (pred((await this.fields(meta, id)).date)) return id;
    }
    return hi;
  };

  // dateRange returns the ids [lo, hi) generated between from and to.
  Searcher.prototype.dateRange = async function (meta, from, to) {
    if (to && to.length < 10) to += '~'; // "2025" covers the whole year
    var lo = to ? await this.firstWhere(meta, function (d) { return d <= to; }) : 0;
    var hi = await this.firstWhere(meta, function (d) { return d < (from || '0'); });
    return [lo, hi];
  };

  function cleanParams(params) {
    var p = {};
    FIELDS.forEach(function (f) { p[f] = String(params[f] || '').trim(); });
    return p;
  }

  // run finds the documents matching params (an object with the FIELDS) and
  // returns { ids (ranked), total, terms }, or null when params ask nothing.
  Searcher.prototype.run = async function (params) {
    var p = cleanParams(params);
    if (FIELDS.every(function (f) { return !p[f]; })) return null;
    var meta = await this.get('search/meta.json');
    var textKeys = queryKeys(p.q);
    var filterKeys = [].concat(
      p.department ? ['d:' + p.department] : [], p.category ? ['c:' + p.category] : [],
      pairKeys('i:', p.index_no), pairKeys('n:', p.doc_no));
    var self = this;
    var postings = await Promise.all(textKeys.concat(filterKeys).map(function (k) { return self.posting(meta, k); }));
    var ids;
    if (p.q && textKeys.length === 0) ids = [];
    else if (postings.length > 0) ids = intersect(postings.map(function (x) { return x.ids; }));
    else ids = Array.from({ length: meta.docs }, function (_, i) { return i; });
    if (p.from || p.to) {
      var range = await this.dateRange(meta, p.from, p.to);
      ids = ids.filter(function (id) { return id >= range[0] && id < range[1]; });
    }
    ids = await this.checkNumbers(meta, ids, p);
    if (textKeys.length > 0) ids = rank(ids, postings.slice(0, textKeys.length));
    return { ids: ids, total: ids.length, terms: queryTerms(p.q) };
  };

  // checkNumbers keeps the ids whose index_no and doc_no contain the
  // filters' values (the pair tokens only narrowed them down).
  Searcher.prototype.checkNumbers = async function (meta, ids, p) {
    if (!p.index_no && !p.doc_no) return ids;
    var want = [foldString(p.index_no), foldString(p.doc_no)];
    var self = this;
    var docs = await Promise.all(ids.map(function (id) { return self.fields(meta, id); }));
    return docs.filter(function (d) {
      return foldString(d.indexNo).indexOf(want[0]) >= 0 && foldString(d.docNo).indexOf(want[1]) >= 0;
    }).map(function (d) { return d.id; });
  };

  function count(hay, term) {
    var n = 0;
    for (var i = hay.indexOf(term); i >= 0; i = hay.indexOf(term, i + term.length)) n++;
    return n;
  }

  // page loads results start … start+PAGE-1 with their fields and texts and
  // orders them by whether, and how often, the terms really occur (the index
  // only knows the tokens); within that, the index's order stands.
  Searcher.prototype.page = async function (result, start) {
    var meta = await this.get('search/meta.json');
    var self = this, terms = result.terms;
    var docs = await Promise.all(result.ids.slice(start, start + PAGE).map(async function (id, i) {
      var d = await self.fields(meta, id);
      d.text = await self.text(meta, id);
      var title = foldString(d.title), text = foldString(d.text);
      d.order = i;
      d.inTitle = terms.every(function (t) { return title.indexOf(t) >= 0; });
      d.found = terms.every(function (t) { return title.indexOf(t) >= 0 || text.indexOf(t) >= 0; });
      d.count = terms.reduce(function (n, t) { return n + count(text, t); }, 0);
      return d;
    }));
    return docs.sort(function (a, b) {
      return (b.inTitle - a.inTitle) || (b.found - a.found) || (b.count - a.count) || (a.order - b.order);
    });
  };

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // highlight escapes s and wraps every occurrence of a term in <mark>.
  function highlight(s, terms) {
    var folded = foldString(s), html = '', at = 0;
    while (at < s.length) {
      var best = -1, len = 0;
      terms.forEach(function (t) {
        var i = folded.indexOf(t, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && t.length > len))) { best = i; len = t.length; }
      });
      if (best < 0) break;
      html += escapeHTML(s.slice(at, best)) + '<mark>' + escapeHTML(s.slice(best, best + len)) + '</mark>';
      at = best + len;
    }
    return html + escapeHTML(s.slice(at));
  }

  function isLowSurrogate(s, i) {
    var c = s.charCodeAt(i);
    return c >= 0xDC00 && c <= 0xDFFF;
  }

  // snippet returns about SNIPPET_LENGTH characters of text around the
  // first match of a term, as escaped HTML with the matches in <mark>.
  function snippet(text, terms) {
    var folded = foldString(text), first = -1;
    terms.forEach(function (t) {
      var i = folded.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var start = Math.max(0, first - SNIPPET_BEFORE);
    if (start > 0 && isLowSurrogate(text, start)) start--;
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length && isLowSurrogate(text, end)) end++;
    var html = highlight(text.slice(start, end), terms).replace(/\s+/g, ' ').trim();
    return (start > 0 ? '…' : '') + html + (end < text.length ? '…' : '');
  }

  function countHTML(total) {
    var msg = total > 0 ? '找到 ' + total + ' 条结果' : '没有找到相关信息';
    return '<p class="search-count" role="status">' + msg + '</p>';
  }

  // itemsHTML renders loaded results as the <li>s of the result list.
  function itemsHTML(docs, terms, base) {
    return docs.map(function (d) {
      return '<li class="search-result"><a class="search-title" href="' + escapeHTML(base + d.url) + '">' +
        highlight(d.title, terms) + '</a><p class="search-meta"><time datetime="' + escapeHTML(d.date) + '">' +
        escapeHTML(d.date) + '</time>' + (d.department ? ' <span class="search-dept">' + escapeHTML(d.department) + '</span>' : '') +
        '</p><p class="search-snippet">' + snippet(d.text, terms) + '</p></li>';
    }).join('');
  }

  var api = {
    isHan: isHan, foldString: foldString, textTokens: textTokens, queryKeys: queryKeys, pairKeys: pairKeys,
    queryTerms: queryTerms, shardOf: shardOf, decode: decode, intersect: intersect, Searcher: Searcher,
    escapeHTML: escapeHTML, highlight: highlight, snippet: snippet, countHTML: countHTML, itemsHTML: itemsHTML,
    FIELDS: FIELDS, PAGE: PAGE
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
  }

  // The browser side: form, URL and rendering.

  function init() {
    var out = document.getElementById('search-results');
    var form = document.getElementById('search-form');
    if (!out) return;
    var base = document.documentElement.dataset.base || '/';
    if (base.charAt(base.length - 1) !== '/') base += '/';
    var get = function (path) {
      return fetch(base + path, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
        return r;
      });
    };
    var searcher = new Searcher(function (path) {
      return get(path).then(function (r) { return r.json(); });
    }, function (url) {
      return get(url).then(function (r) { return r.text(); }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var body = doc.querySelector('.article-body');
        return body ? body.textContent.replace(/\s+/g, ' ').trim() : '';
      });
    });
    var view = { searcher: searcher, out: out, base: base, seq: 0 };
    var params = {};
    var url = new URLSearchParams(location.search);
    FIELDS.forEach(function (f) { params[f] = url.get(f) || ''; });
    if (form) {
      FIELDS.forEach(function (f) { if (form.elements[f] && params[f]) form.elements[f].value = params[f]; });
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var p = {}, q = new URLSearchParams();
        FIELDS.forEach(function (f) {
          p[f] = form.elements[f] ? String(form.elements[f].value).trim() : '';
          if (p[f]) q.set(f, p[f]);
        });
        var s = q.toString();
        history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
        show(view, p);
      });
    }
    show(view, params);
  }

  async function show(view, params) {
    var seq = ++view.seq;
    view.out.setAttribute('aria-busy', 'true');
    try {
      var result = await view.searcher.run(params);
      if (seq !== view.seq) return;
      if (!result) { view.out.innerHTML = ''; return; }
      view.out.innerHTML = countHTML(result.total) + (result.total > 0 ? '<ol class="search-list"></ol>' : '');
      if (result.total > 0) await more(view, result, 0, seq);
    } catch (err) {
      if (seq === view.seq) view.out.innerHTML = '<p class="search-count" role="status">搜索索引加载失败，请稍后重试。</p>';
      if (typeof console !== 'undefined') console.error(err);
    } finally {
      if (seq === view.seq) view.out.removeAttribute('aria-busy');
    }
  }

  // more appends results start … start+PAGE-1 and a button for the rest.
  async function more(view, result, start, seq) {
    var docs = await view.searcher.page(result, start);
    if (seq !== view.seq) return;
    view.out.querySelector('.search-list').insertAdjacentHTML('beforeend', itemsHTML(docs, result.terms, view.base));
    var old = view.out.querySelector('.search-more');
    if (old) old.remove();
    if (start + PAGE >= result.total) return;
    view.out.insertAdjacentHTML('beforeend', '<button type="button" class="search-more">显示更多</button>');
    view.out.querySelector('.search-more').addEventListener('click', function () {
      more(view, result, start + PAGE, seq).catch(function (err) { console.error(err); });
    });
  }
})();
