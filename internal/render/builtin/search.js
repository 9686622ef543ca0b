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
 *       (or 没有完全匹配的结果，以下为部分匹配（N 条）, or 没有找到相关信息,
 *       or 搜索索引加载失败，请稍后重试。)
 *     <ol class="search-list">
 *       <li class="search-result">
 *         <a class="search-title" href="BASE + url">title, matches in <mark></a>
 *         <p class="search-meta"><time datetime="2025-03-04">2025-03-04</time>
 *           <span class="search-dept">department</span></p>
 *         <p class="search-snippet">…text around the first match, in <mark>…</p>
 *                               filled at once for the first three results and
 *                               for the others when they scroll into view: the
 *                               text is read from the result's own page
 *       </li> …                 20 at a time, best first
 *     </ol>
 *     <button type="button" class="search-more">显示更多</button>
 *                               while results remain; it appends the next 20
 *
 * The page reads its query from the URL on load:
 *   ?q=…&index_no=…&doc_no=…&department=…&category=…&from=2025-01-01&to=2025-12-31
 * Words in q (separated by spaces) must all occur; "quoted words" are one
 * phrase. When no document has every word, the documents that have most of
 * the query's tokens are listed as partial matches (not for a quoted
 * phrase). One Han character searches titles and bodies. A query of filters
 * only lists the matching documents newest first. Every piece of text
 * inserted is HTML-escaped.
 */
(function () {
  'use strict';

  var FIELDS = ['q', 'index_no', 'doc_no', 'department', 'category', 'from', 'to'];
  var PAGE = 20;
  var MAX_WORD = 24; // as internal/search maxWord
  var SNIPPET_BEFORE = 30;
  var SNIPPET_LENGTH = 120;
  var FIRST_SNIPPETS = 3; // snippets loaded at once; the others as they scroll into view

  // isHan, fold and isWord match internal/search/token.go.
  function isHan(c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || c === 0x3007 || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
  }

  // fold also maps the brackets of a 文号 (〔〕 [] 【】 〖〗 () （）) to ( and ).
  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c === 0x5B || c === 0x3014 || c === 0x3010 || c === 0x3016) return 0x28;
    if (c === 0x5D || c === 0x3015 || c === 0x3011 || c === 0x3017) return 0x29;
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

  // parseQuery splits q into its words: "quoted text" (straight or curly
  // quotes) is one phrase, the rest splits at spaces. Each word has the
  // index tokens it needs: its Han bigrams and Latin words, or, for a lone
  // Han character, that character.
  function parseQuery(q) {
    var words = [], quoted = false, re = /["“”]([^"“”]*)["“”]?|(\S+)/g, m;
    q = String(q || '');
    while ((m = re.exec(q)) !== null) {
      var text = m[1] !== undefined ? m[1].trim() : m[2];
      if (m[1] !== undefined) quoted = true;
      if (!text) continue;
      var t = textTokens(text);
      var keys = t.bigrams.concat(t.words, t.bigrams.length === 0 ? t.singles : []);
      words.push({ text: foldString(text).replace(/\s+/g, ' '), keys: unique(keys) });
    }
    return { words: words, quoted: quoted };
  }

  // queryKeys returns the index tokens a query needs.
  function queryKeys(q) {
    return unique([].concat.apply([], parseQuery(q).words.map(function (w) { return w.keys; })));
  }

  // pairKeys returns the "i:"/"n:" tokens of a filter value: every two
  // adjacent folded characters.
  function pairKeys(prefix, value) {
    var cs = Array.from(foldString(value)), keys = [];
    for (var i = 1; i < cs.length; i++) keys.push(prefix + cs[i - 1] + cs[i]);
    return unique(keys);
  }

  // queryTerms are the words of q, folded, that results are highlighted with.
  function queryTerms(q) {
    return unique(parseQuery(q).words.map(function (w) { return w.text; }));
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

  // readShard parses a shard file (internal/search shardBinary) into a
  // Map from token to the place of its posting list.
  function readShard(buf) {
    var bytes = new Uint8Array(buf), at = 4, map = new Map();
    var dec = new TextDecoder();
    if (bytes.length < 4 || dec.decode(bytes.subarray(0, 4)) !== 'GKS2') throw new Error('search index: unknown format');
    function uvarint() {
      var x = 0, s = 1, b;
      do { b = bytes[at++]; x += (b & 127) * s; s *= 128; } while (b & 128);
      return x;
    }
    for (var count = uvarint(); count > 0; count--) {
      var len = uvarint(), token = dec.decode(bytes.subarray(at, at + len));
      at += len;
      var enc = bytes[at++], n = uvarint(), size = uvarint(), start = at;
      at += size;
      var tsize = uvarint(), tstart = at;
      at += tsize;
      map.set(token, { bytes: bytes, enc: enc, n: n, start: start, end: start + size, tstart: tstart, tend: tstart + tsize });
    }
    return map;
  }

  // deltas decodes uvarint deltas from bytes[start:end] into ascending ids.
  function deltas(bytes, start, end) {
    var ids = [], id = 0, at = start;
    while (at < end) {
      var x = 0, s = 1, b;
      do { b = bytes[at++]; x += (b & 127) * s; s *= 128; } while (b & 128);
      id += x;
      ids.push(id);
    }
    return ids;
  }

  // decode turns a token's place in its shard into { ids, title }: the
  // ascending ids of the documents that have it and of those whose title has it.
  function decode(e) {
    if (!e) return { ids: [], title: [] };
    var ids;
    if (e.enc === 1) {
      var at = e.start, x = 0, s = 1, b;
      do { b = e.bytes[at++]; x += (b & 127) * s; s *= 128; } while (b & 128);
      ids = [];
      for (var k = at; k < e.end; k++) {
        var byte = e.bytes[k];
        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) ids.push(x + (k - at) * 8 + bit);
      }
    } else {
      ids = deltas(e.bytes, e.start, e.end);
    }
    return { ids: ids, title: deltas(e.bytes, e.tstart, e.tend) };
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

  // countIn counts, for each candidate, the sorted lists that hold it.
  function countIn(lists, candidates) {
    var index = new Map(), out = new Array(candidates.length).fill(0);
    candidates.forEach(function (id, i) { index.set(id, i); });
    lists.forEach(function (list) {
      list.forEach(function (id) { var i = index.get(id); if (i !== undefined) out[i]++; });
    });
    return out;
  }

  // partialMatches returns the ids that have at least half of the lists,
  // with how many each has.
  function partialMatches(lists) {
    var counts = new Map();
    lists.forEach(function (list) {
      list.forEach(function (id) { counts.set(id, (counts.get(id) || 0) + 1); });
    });
    var need = Math.ceil(lists.length / 2), ids = [];
    counts.forEach(function (n, id) { if (n >= need) ids.push(id); });
    ids.sort(function (a, b) { return a - b; });
    return ids;
  }

  // rank orders candidates by: how many of the query's tokens they have
  // (partial matches only), every token in the title, the number of tokens
  // in the title, then newest (lowest id).
  function rank(candidates, postings) {
    var have = countIn(postings.map(function (p) { return p.ids; }), candidates);
    var title = countIn(postings.map(function (p) { return p.title; }), candidates);
    var n = postings.length;
    var order = candidates.map(function (id, i) { return i; });
    order.sort(function (a, b) {
      return (have[b] - have[a]) || ((title[b] === n) - (title[a] === n)) || (title[b] - title[a]) ||
        (candidates[a] - candidates[b]);
    });
    return order.map(function (i) { return candidates[i]; });
  }

  // Searcher searches the index. load maps a path relative to the site root
  // to a Promise of parsed JSON, loadBinary to a Promise of an ArrayBuffer;
  // loadText maps a document's site-relative URL to a Promise of its plain
  // text (the browser reads the article page itself, so the index carries no
  // second copy of every text).
  function Searcher(load, loadBinary, loadText) {
    this.load = load;
    this.loadBinary = loadBinary;
    this.loadText = loadText;
    this.cache = Object.create(null);
    this.texts = Object.create(null);
  }

  // get loads a file once: JSON, or a shard when binary is set.
  Searcher.prototype.get = function (path, binary) {
    if (!this.cache[path]) {
      this.cache[path] = binary ? this.loadBinary(path).then(readShard) : this.load(path);
    }
    return this.cache[path];
  };

  Searcher.prototype.posting = async function (meta, token) {
    var shard = await this.get('search/index/' + shardOf(token, meta.shards) + '.bin', true);
    return decode(shard.get(token));
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
  // returns { ids (ranked), total, terms, partial }, or null when params ask
  // nothing. partial says that no document has every word of q and ids are
  // the documents with most of its tokens.
  Searcher.prototype.run = async function (params) {
    var p = cleanParams(params);
    if (FIELDS.every(function (f) { return !p[f]; })) return null;
    var meta = await this.get('search/meta.json');
    var query = parseQuery(p.q);
    var textKeys = queryKeys(p.q);
    var filterKeys = [].concat(
      p.department ? ['d:' + p.department] : [], p.category ? ['c:' + p.category] : [],
      pairKeys('i:', p.index_no), pairKeys('n:', p.doc_no));
    var self = this;
    var postings = await Promise.all(textKeys.concat(filterKeys).map(function (k) { return self.posting(meta, k); }));
    var ids, partial = false, terms = queryTerms(p.q);
    var filterOK = await this.filtered(meta, postings.slice(textKeys.length), p);
    if (p.q && textKeys.length === 0) ids = [];
    else if (textKeys.length > 0) ids = intersect(postings.slice(0, textKeys.length).map(function (x) { return x.ids; }));
    else ids = filterOK;
    if (textKeys.length > 0) ids = intersect([ids, filterOK]);
    if (ids.length === 0 && textKeys.length > 1 && !query.quoted) {
      ids = intersect([partialMatches(postings.slice(0, textKeys.length).map(function (x) { return x.ids; })), filterOK]);
      partial = ids.length > 0;
      if (partial) terms = unique(textKeys);
    }
    if (textKeys.length > 0) ids = rank(ids, postings.slice(0, textKeys.length));
    return { ids: ids, total: ids.length, terms: terms, partial: partial };
  };

  // filtered returns the ids that pass the filters (all ids when there are
  // none): the field tokens' postings, the date range and the numbers.
  Searcher.prototype.filtered = async function (meta, postings, p) {
    var ids = postings.length > 0 ? intersect(postings.map(function (x) { return x.ids; }))
      : Array.from({ length: meta.docs }, function (_, i) { return i; });
    if (p.from || p.to) {
      var range = await this.dateRange(meta, p.from, p.to);
      ids = ids.filter(function (id) { return id >= range[0] && id < range[1]; });
    }
    return this.checkNumbers(meta, ids, p);
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

  // page loads the fields of results start … start+PAGE-1, in rank order.
  // Their texts, for snippets, are loaded apart (withText), only for the
  // results a reader sees.
  Searcher.prototype.page = async function (result, start) {
    var meta = await this.get('search/meta.json');
    var self = this;
    return Promise.all(result.ids.slice(start, start + PAGE).map(function (id) { return self.fields(meta, id); }));
  };

  // withText adds the document's text to loaded fields.
  Searcher.prototype.withText = async function (doc) {
    var meta = await this.get('search/meta.json');
    doc.text = await this.text(meta, doc.id);
    return doc;
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

  function countHTML(total, partial) {
    var msg = total === 0 ? '没有找到相关信息'
      : partial ? '没有完全匹配的结果，以下为部分匹配（' + total + ' 条）' : '找到 ' + total + ' 条结果';
    return '<p class="search-count" role="status">' + msg + '</p>';
  }

  // itemsHTML renders loaded results as the <li>s of the result list.
  function itemsHTML(docs, terms, base) {
    return docs.map(function (d) {
      return '<li class="search-result"><a class="search-title" href="' + escapeHTML(base + d.url) + '">' +
        highlight(d.title, terms) + '</a><p class="search-meta"><time datetime="' + escapeHTML(d.date) + '">' +
        escapeHTML(d.date) + '</time>' + (d.department ? ' <span class="search-dept">' + escapeHTML(d.department) + '</span>' : '') +
        '</p><p class="search-snippet" data-id="' + d.id + '">' + (d.text !== undefined ? snippet(d.text, terms) : '') + '</p></li>';
    }).join('');
  }

  var api = {
    isHan: isHan, foldString: foldString, textTokens: textTokens, parseQuery: parseQuery, queryKeys: queryKeys,
    pairKeys: pairKeys, queryTerms: queryTerms, shardOf: shardOf, readShard: readShard, decode: decode,
    intersect: intersect, partialMatches: partialMatches, rank: rank, Searcher: Searcher,
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
    }, function (path) {
      return get(path).then(function (r) { return r.arrayBuffer(); });
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
      // 高级检索 stays folded, so that results come first (on a phone, right
      // under the query box), unless the URL asks for a filter.
      var advanced = document.getElementById('search-advanced');
      if (advanced && FIELDS.some(function (f) { return f !== 'q' && params[f]; })) advanced.open = true;
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
      view.out.innerHTML = countHTML(result.total, result.partial) + (result.total > 0 ? '<ol class="search-list"></ol>' : '');
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
    snippetsWhenSeen(view, docs, result.terms, seq);
    var old = view.out.querySelector('.search-more');
    if (old) old.remove();
    if (start + PAGE >= result.total) return;
    view.out.insertAdjacentHTML('beforeend', '<button type="button" class="search-more">显示更多</button>');
    view.out.querySelector('.search-more').addEventListener('click', function () {
      more(view, result, start + PAGE, seq).catch(function (err) { console.error(err); });
    });
  }

  // snippetsWhenSeen fills each result's snippet once it scrolls into view,
  // so a query reads the pages of the results a reader sees, not of all.
  function snippetsWhenSeen(view, docs, terms, seq) {
    var byId = new Map(docs.map(function (d) { return [String(d.id), d]; }));
    var fill = function (el) {
      var d = byId.get(el.dataset.id);
      if (!d || el.dataset.filled) return;
      el.dataset.filled = '1';
      view.searcher.withText(d).then(function (doc) {
        if (seq === view.seq) el.innerHTML = snippet(doc.text, terms);
      }).catch(function (err) { console.error(err); });
    };
    var els = Array.from(view.out.querySelectorAll('.search-snippet:not([data-filled])'));
    if (typeof IntersectionObserver === 'undefined') { els.forEach(fill); return; }
    if (els.length > 0 && els.length === view.out.querySelectorAll('.search-snippet').length) {
      els.splice(0, FIRST_SNIPPETS).forEach(fill); // the first results, whatever the screen
    }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { seen.unobserve(e.target); fill(e.target); }
      });
    }, { rootMargin: '400px' });
    els.forEach(function (el) { seen.observe(el); });
  }
})();
