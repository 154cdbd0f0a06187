// Package server is the HTTP face of quotes: a JSON API over a
// quotes.QuoteService and a quotes.ClaimService, the pages on which people
// search quotes (the search page, a page per quote and per speaker), and a
// widget other sites embed (an iframe page, its one-line loader, oEmbed).
//
// # Design
//
// New builds one http.Handler from a gorilla/mux router and a few
// decorators, each a func(http.Handler) http.Handler, applied outermost
// first:
//
//   - request logging (slog: method, path, status, bytes, duration);
//   - panic recovery (a 500 JSON error, the panic and stack logged);
//   - security headers on every response: a Content-Security-Policy that
//     allows scripts, styles, images and fetches from this origin only (no
//     inline script or style, no plugins, no <base>, forms posting here
//     only) and framing by this origin only (frame-ancestors 'self'; the
//     widget at /embed replaces it with Options.FrameAncestors, any site by
//     default), X-Content-Type-Options: nosniff, Referrer-Policy;
//   - CORS (rs/cors) for /api/ paths, only when Options.CORSOrigins is set;
//   - the guard (withGuard): on a read-only server every write answers 405;
//     a write (POST, PUT, PATCH, DELETE) from a browser page of another
//     origin than the server's and Options.WriteOrigins answers 403, key or
//     not; a write without the bearer key of an active key (Options.Keys,
//     see package auth) answers 401 with WWW-Authenticate, and so do reads
//     of /api/ with Options.RequireReadKey. A write no route takes goes on
//     to the router's 404 or 405.
//
// Handlers speak the application errors of package quotes. One table,
// errorStatus, maps their codes to HTTP statuses:
//
//	quotes.EINVALID  → 400 Bad Request
//	quotes.ENOTFOUND → 404 Not Found
//	quotes.ECONFLICT → 409 Conflict
//	quotes.EINTERNAL → 500 Internal Server Error (and any error without a code)
//	quotes.EUNAUTHORIZED → 401 Unauthorized
//	quotes.EFORBIDDEN → 403 Forbidden
//	quotes.ELIMIT → 400 Bad Request (over a named bound of the service)
//	quotes.ETIMEOUT → 503 Service Unavailable (out of its time budget)
//
// Every API error is the JSON object {"error": "message"}. The message of
// an internal error is always "internal error"; its details go to the log.
// The HTTP-level errors that have no application code (405, 413, 415, 503)
// use the same JSON shape.
//
// # Routes
//
// GET /api/quotes searches quotes. Parameters, all optional:
//
//	q        query in bleve's query-string syntax (words, "a phrase", +must,
//	         -not, field:value); empty matches every quote
//	speaker  a speaker, by any variant of the name the index merges into
//	         them, in any case ("donald trump", "Donald J. Trump", and
//	         "Trump" when only one Trump is quoted; see index.SpeakerKey)
//	outlet   exact outlet
//	kind     direct, partial, indirect or belief (beliefs only when asked for)
//	article  article id
//	from, to bounds on the article's published time, inclusive, as
//	         2025-05-19 or RFC 3339 (see quotes.ParseTime); a to given as a
//	         plain date includes that whole day (UTC)
//	sort     relevance (the default: best match first; newest first when
//	         there is no q), newest or oldest
//	page     1-based page number, default 1
//	size     hits per page, default quotes.DefaultPageSize; larger than
//	         quotes.MaxPageSize is capped silently
//
// It answers 200 with
//
//	{"total": 42, "page": 1, "size": 10,
//	 "hits": [{"quote": {...}, "score": 1.3,
//	           "highlights": {"quote": ["… <mark>word</mark> …"]}}],
//	 "facets": {"speaker": [{"term": "Jane Alvarez", "count": 3}],
//	            "outlet": [{"term": "Daily", "count": 5}],
//	            "kind": [{"term": "direct", "count": 4}]},
//	 "timeline": {"interval": "day",
//	              "buckets": [{"term": "2025-05-19", "count": 3}]},
//	 "took_ms": 1.25}
//
// where size is the effective page size, hits and the three facet lists
// are always arrays (possibly empty), highlight fragments are HTML-escaped
// text in which only <mark> and </mark> are markup, and the timeline
// (absent when no match has a date) counts the matches by day when they
// span at most three months, by month when they span at most ten years,
// else by year, from the first period to the last with empty periods as 0,
// in at most 120 buckets (the quotes before them counted as "earlier"). A
// page, size or kind
// that cannot be read, a from or to that is not a date, a page beyond the
// first 10,000 hits and a malformed query all answer 400 with a message
// naming the parameter.
//
// GET /api/quotes/{id} answers 200 with the quote as JSON (quotes.Quote),
// or 404 when there is no quote with that id.
//
// GET /api/speakers?limit=N answers 200 with
// {"speakers": [{"name": "Jane Alvarez", "count": 3}]}, most quoted first,
// each speaker once under their canonical name (the variants of the name
// counted together, as in the speaker facet); limit defaults to 100 and is
// capped at 1000; a limit that is not a positive integer answers 400.
//
// POST /api/articles ingests one article, given as a JSON object
// {"id", "url", "title", "outlet", "published", "text"} (unknown fields
// ignored; published as accepted by quotes.ParseTime), with a key (see the
// guard above). The body must be application/json (or a +json type): any
// other type, or none, answers 415. A body larger than Options.MaxBodyBytes answers 413;
// a body that is not one JSON object, or an article that fails
// quotes.Article.Validate (such as one with no text), answers 400. The
// article gets its id from NormalizeID when it has none; its quotes are
// extracted, stamped with their ids and the article's metadata, and stored
// with it, replacing any earlier version. It answers 201 with
// {"article": {"id", "url", "title", "outlet", "published"}, "quotes": [...]}
// (quotes always an array), or 200 with the same body when it replaced an
// article the service already held (if the service can tell: when it has
// an Article(ctx, id) method, as *index.Index does).
// Without an extractor the route answers 503.
//
// GET /api/claims, /api/claims/{id} (and ?format=claimreview, schema.org
// ClaimReview JSON-LD) and /api/check?claim= serve the claim tracker; see
// claims.go. Without Options.Claims they answer 503.
//
// GET /api/openapi.json is the OpenAPI 3.1 document of the JSON API, with
// this server's origin as its server; a test fails when a route is missing
// from it.
//
// GET /healthz answers 200 with {"status": "ok"}. GET /readyz answers 200
// {"status": "ready"} when the service answers a one-speaker query within
// 2 s, else 503 {"status": "not ready"}. GET /metrics serves Prometheus
// metrics: requests by route template, method and status, their latency,
// what POST /api/articles stored, and the Go runtime's and the process's.
//
// GET / is the search page. It takes the parameters of GET /api/quotes and
// renders the results on the server, so it works as a plain form without
// JavaScript; its script, /static/app.js, then searches as one types
// (debounced), fetching /api/quotes in place and keeping the whole search
// in the address bar, so that a search can be shared and Back works (a
// burst of typing is one history entry). The
// facets (speaker, kind, outlet) and the bars of the timeline are links
// that narrow the search. Everything from articles is escaped:
// html/template on the server, textContent and createElement in the
// script. Bad parameters render the page with the message and status 400.
//
// GET /quotes/{id} is a quote's permalink: the quote, its sentence, its
// source, a citation to copy, and its schema.org Quotation as JSON-LD. GET
// /speakers/{name} lists a speaker's quotes newest first, searchable and
// paged, with their timeline, the outlets that quote them, the claims they
// took part in and the other names they are quoted under. A variant of the
// name (/speakers/trump, /speakers/Donald%20J.%20Trump) answers 301 to the
// page of the canonical name (/speakers/Donald%20Trump), keeping the query,
// with Cache-Control max-age=3600, since the canonical name follows the
// articles. A surname several speakers share has a page of its own that
// links to theirs. An unknown quote or speaker is a 404 page.
//
// GET /embed is the widget: a compact page for an iframe, with no site
// chrome. It takes the search parameters (size defaults to 5, at most 20),
// quote=ID for one quote, claim=ID-or-text for a claim's verdict card,
// search=1 for a search box, and theme=light|dark|auto. Its script posts
// its height to the parent ({"type": "quotes:resize", "height": N}).
// GET /widget.js is the loader a newsroom puts on its page:
//
//	<script src="https://HOST/widget.js" data-q="tariffs" data-size="5"></script>
//
// inserts an iframe of /embed built from its data-* attributes right after
// itself and keeps it as tall as its content, trusting only messages from
// that iframe and this origin.
//
// GET /oembed?url=&maxwidth=&maxheight=&format=json answers oEmbed 1.0 for
// a URL of this server's pages (/, /embed, /quotes/{id}, /speakers/{name})
// with a "rich" object whose html is the escaped iframe of the matching
// /embed; every page links to it for discovery. Another host or path is a
// 404, a missing url a 400, a format other than json a 501.
//
// GET /static/... serves the pages' embedded assets.
//
// Any other path under /api/ answers 404 with a JSON error; any other path
// answers a plain 404. A known path with the wrong method answers 405, JSON
// for /api/, with an Allow header.
//
// ListenAndServe (and Serve, for a listener of the caller's) run an
// http.Server with read, write and idle timeouts until the context is
// cancelled, then shut down gracefully.
package server
