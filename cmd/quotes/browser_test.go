package main

// End-to-end tests in a real browser: the server as "quotes serve" runs it
// on the sample articles, driven by headless Chromium through chromedp. They
// need a Chromium binary (Debian's chromium package; .ci/run installs it);
// without one they skip, unless QUOTES_REQUIRE_BROWSER=1 makes that a
// failure, as CI does. QUOTES_SCREENSHOTS=DIR keeps the screenshots they
// take in DIR (the README's come from docs/screenshots).

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/mmcdole/gofeed"
	quotes "github.com/quotesproject/quotes"
)

// chromiumNames are the names a Chromium binary goes by on PATH.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// findChromium returns the browser to drive: $QUOTES_CHROMIUM, or the
// first of chromiumNames on PATH.
func findChromium() (string, error) {
	if p := os.Getenv("QUOTES_CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("none of %s on PATH", strings.Join(chromiumNames, ", "))
}

// newBrowser starts headless Chromium for the test and returns a context
// for its first tab; the browser ends with the test. Without a browser the
// test skips, or fails when QUOTES_REQUIRE_BROWSER=1.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	path, err := findChromium()
	if err != nil {
		msg := fmt.Sprintf("no Chromium for the browser tests (%v): install Debian's chromium package or set QUOTES_CHROMIUM", err)
		if os.Getenv("QUOTES_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		// The machine has no outside network: keep Chromium from trying.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-pings", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser, without a deadline
		t.Fatalf("start %s: %v", path, err)
	}
	return ctx
}

// step runs one named action with a deadline, failing the test on error.
func step[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitFor evaluates the JavaScript predicate until it is true. Errors on
// the way are taken for a page still loading (a click that navigates
// destroys the context an evaluation runs in) and only reported when the
// predicate never comes true.
func waitFor(t *testing.T, ctx context.Context, what, predicate string) {
	t.Helper()
	var last error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ectx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](predicate))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	t.Fatalf("wait for %s: %s never came true at %s (last error: %v)", what, predicate, loc, last)
}

// jsEval evaluates a JavaScript expression.
func jsEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return step(t, ctx, "evaluate "+expr, chromedp.Evaluate[T](expr))
}

// screenshot takes a full-page PNG, checks it is an image, and keeps it
// in $QUOTES_SCREENSHOTS when set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	b := step(t, ctx, "screenshot "+name, chromedp.FullScreenshot(100))
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if r := img.Bounds(); r.Dx() < 300 || r.Dy() < 200 {
		t.Errorf("screenshot %s is %v", name, r)
	}
	dir := os.Getenv("QUOTES_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sampleServer runs "quotes serve" on the README's sample articles and
// returns its base URL ("http://127.0.0.1:PORT/").
func sampleServer(t *testing.T, extra ...string) string {
	t.Helper()
	base, _ := sampleServerKey(t, extra...)
	return base
}

// sampleServerKey is sampleServer that also returns a write key of the
// server's, made with "quotes token create".
func sampleServerKey(t *testing.T, extra ...string) (base, key string) {
	t.Helper()
	idx := filepath.Join(t.TempDir(), "idx")
	r := runCLI(t, "", "--index", idx, "token", "create", "browser tests")
	if r.code != 0 {
		t.Fatalf("token create: %d %s", r.code, r.stderr)
	}
	args := append([]string{"serve", "--index", idx, "--addr", "127.0.0.1:0",
		"--ingest", filepath.Join("..", "..", "testdata", "articles"),
		"--ingest", filepath.Join("..", "..", "testdata", "claims", "articles.jsonl")}, extra...)
	return startServe(t, args...).base, strings.TrimSpace(r.stdout)
}

// postArticle posts a JSON article to the server at base with key.
func postArticle(base, key, body string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, base+"api/articles", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	return http.DefaultClient.Do(req)
}

func TestBrowserSearchPage(t *testing.T) {
	ctx := newBrowser(t)
	base := sampleServer(t)

	step(t, ctx, "open the page", chromedp.Navigate(base))
	step(t, ctx, "see the search box", chromedp.WaitVisible(chromedp.CSS("#q")))

	// Type a query: the results follow without pressing Search.
	step(t, ctx, "type a query", chromedp.SendKeys(chromedp.CSS("#q"), "lumber"))
	waitFor(t, ctx, "highlighted results and the query in the address bar",
		`document.querySelectorAll("#results .hit mark").length > 0 && location.search.includes("q=lumber")`)
	marks := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#results .hit mark"), m => m.textContent.toLowerCase())`)
	for _, m := range marks {
		if !strings.HasPrefix(m, "lumber") {
			t.Errorf("highlight %q is not the query", m)
		}
	}
	screenshot(t, ctx, "page.png")

	// Click a speaker facet: every hit is then by that speaker.
	speaker := jsEval[string](t, ctx, `document.querySelector('#results ul[aria-labelledby="speakers-title"] a').textContent`)
	step(t, ctx, "click the speaker filter", chromedp.Click(chromedp.CSS(`#results ul[aria-labelledby="speakers-title"] a`)))
	waitFor(t, ctx, "the speaker filter", `location.search.includes("speaker=") && !!document.querySelector("#results .active-filters")`)
	speakers := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#results .hit .speaker"), s => s.textContent)`)
	if len(speakers) == 0 {
		t.Fatal("no hits after the speaker filter")
	}
	for _, s := range speakers {
		if s != speaker {
			t.Errorf("hit by %q under the filter speaker=%q", s, speaker)
		}
	}

	// Page forward through every quote, and back with the browser.
	step(t, ctx, "open the page afresh", chromedp.Navigate(base))
	step(t, ctx, "click Next", chromedp.Click(chromedp.CSS(`#results a[rel="next"]`)))
	waitFor(t, ctx, "page 2", `location.search.includes("page=2") && document.querySelector("#summary").textContent.includes("showing 11–20")`)
	step(t, ctx, "go back", chromedp.NavigateBack())
	waitFor(t, ctx, "page 1 again", `!location.search.includes("page=2") && document.querySelector("#summary").textContent.includes("showing 1–10")`)

	// A burst of typing is one history entry, and a query still being
	// typed (an unclosed phrase) is no error: the results stay.
	step(t, ctx, "open the first page", chromedp.Navigate(base+"?page=1")) // a new entry: no forward history
	before := jsEval[int](t, ctx, `history.length`)
	step(t, ctx, "type", chromedp.SendKeys(chromedp.CSS("#q"), "tar"))
	waitFor(t, ctx, "the first search", `location.search === "?q=tar"`)
	step(t, ctx, "type on", chromedp.SendKeys(chromedp.CSS("#q"), "iffs"))
	waitFor(t, ctx, "the search typed", `location.search === "?q=tariffs" && document.querySelectorAll("#results .hit").length > 0`)
	step(t, ctx, "start a phrase", chromedp.SendKeys(chromedp.CSS("#q"), ` "lumber`))
	time.Sleep(700 * time.Millisecond)
	if got := jsEval[string](t, ctx, `location.search + " " + !!document.querySelector("#results .error") + " " + document.querySelectorAll("#results .hit").length`); !strings.HasPrefix(got, "?q=tariffs false ") || strings.HasSuffix(got, " 0") {
		t.Errorf("after typing an unclosed phrase: search, error shown, hits = %q", got)
	}
	if after := jsEval[int](t, ctx, `history.length`); after != before+1 {
		t.Errorf("typing added %d history entries (%d to %d), want 1", after-before, before, after)
	}
	step(t, ctx, "go back", chromedp.NavigateBack())
	waitFor(t, ctx, "the page before the typing", `location.search === "?page=1" && document.querySelector("#q").value === ""`)

	// The URL holds the whole search: loading it shows the same results.
	step(t, ctx, "open a shared search", chromedp.Navigate(base+"?q=lumber&kind=direct&sort=newest"))
	waitFor(t, ctx, "the shared search in the form and its results", `document.querySelector("#q").value === "lumber" && document.querySelector("#kind").value === "direct" && document.querySelector("#sort").value === "newest" && document.querySelectorAll("#results .hit").length > 0`)

	// Open a quote's permalink: the quote, its citation and its JSON-LD.
	step(t, ctx, "click a permalink", chromedp.Click(chromedp.CSS(`#results .hit .permalink`)))
	waitFor(t, ctx, "the quote page", `location.pathname.startsWith("/quotes/") && !!document.querySelector("#citation")`)
	ldType := jsEval[string](t, ctx, `JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)["@type"]`)
	if ldType != "Quotation" {
		t.Errorf("JSON-LD @type = %q, want Quotation", ldType)
	}
	waitFor(t, ctx, "the copy button", `!document.querySelector("#copy-citation").hidden`)

	// From the quote to its speaker's page, with the timeline.
	step(t, ctx, "click the speaker", chromedp.Click(chromedp.CSS(`.hit a.speaker`)))
	waitFor(t, ctx, "the speaker page", `location.pathname.startsWith("/speakers/") && !!document.querySelector(".timeline svg rect") && document.querySelectorAll(".hit").length > 0`)
	screenshot(t, ctx, "speaker.png")

	// On a phone: nothing wider than the screen.
	step(t, ctx, "phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	step(t, ctx, "open the page on a phone", chromedp.Navigate(base+"?q=lumber"))
	waitFor(t, ctx, "results", `document.querySelectorAll("#results .hit").length > 0`)
	if w := jsEval[int](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("the page is %dpx wider than a 390px phone", w)
	}
	screenshot(t, ctx, "phone.png")
}

// newsroomPage serves, on another origin than base's, a page that embeds
// two widgets with the one-line loader, and returns its URL. The page is on
// "localhost" and quotes on "127.0.0.1": another site, as a newsroom's CMS
// would be, so Chromium runs the widgets out of process.
func newsroomPage(t *testing.T, base string) string {
	t.Helper()
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Newsroom desk</title>
<style>body{font-family:sans-serif;max-width:44rem;margin:1rem auto;padding:0 1rem} .slot{margin:1rem 0}</style></head>
<body><h1>Newsroom desk</h1><p>Our own page, with the quotes widget below.</p>
<div class="slot" id="light"><script src="` + base + `widget.js" data-q="lumber" data-search="1" data-size="3"></script></div>
<div class="slot" id="dark"><script src="` + base + `widget.js" data-speaker="Ingrid Solberg" data-size="2" data-theme="dark"></script></div>
<p id="after">The article goes on.</p></body></html>`
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(hs.Close)
	return strings.Replace(hs.URL, "127.0.0.1", "localhost", 1) + "/"
}

// frameContext attaches to the out-of-process iframe at the URL want.
// (The browser lists its targets in no set order, so the URL, not a
// position, says which iframe.)
func frameContext(t *testing.T, ctx context.Context, want string) context.Context {
	t.Helper()
	var found target.ID
	for deadline := time.Now().Add(20 * time.Second); found == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && info.URL == want {
				found = info.TargetID
			}
		}
	}
	if found == "" {
		t.Fatalf("no iframe at %s", want)
	}
	fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(found))
	t.Cleanup(cancel)
	// Attach now, without a deadline: the first run on a context holds the
	// attachment for the context's life.
	if err := chromedp.Do(fctx); err != nil {
		t.Fatalf("attach to the iframe at %s: %v", want, err)
	}
	return fctx
}

func TestBrowserWidget(t *testing.T) {
	ctx := newBrowser(t)
	base := sampleServer(t)
	host := newsroomPage(t, base)

	step(t, ctx, "open the newsroom page", chromedp.Navigate(host))
	waitFor(t, ctx, "two widget iframes that fit their content",
		`(() => { const f = document.querySelectorAll("iframe"); return f.length === 2 &&
			Array.from(f).every(x => x.style.height !== "" && x.getBoundingClientRect().height > 60); })()`)
	src := jsEval[string](t, ctx, `document.querySelector("#light iframe").src`)
	if !strings.HasPrefix(src, base+"embed?") {
		t.Errorf("iframe src = %q, want %sembed?…", src, base)
	}
	if order := jsEval[string](t, ctx, `document.querySelector("#light script").nextElementSibling.tagName`); order != "IFRAME" {
		t.Errorf("the iframe is not right after its script: %s", order)
	}

	// Inside the first widget: results, from the other origin.
	frame := frameContext(t, ctx, src)
	waitFor(t, frame, "quotes in the widget", `document.querySelectorAll(".hit").length > 0 && document.querySelectorAll(".hit mark").length > 0`)
	if n := jsEval[int](t, frame, `document.querySelectorAll(".hit").length`); n > 3 {
		t.Errorf("the widget shows %d quotes, want at most data-size=3", n)
	}

	// Its height follows its content: a search with no result shrinks it.
	// The content's height is the body's (the document's never drops below
	// the iframe's own); the two settle within a few frames of each other.
	fits := func(when string) (frameH float64) {
		t.Helper()
		var contentH float64
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			frameH = jsEval[float64](t, ctx, `document.querySelector("#light iframe").getBoundingClientRect().height`)
			contentH = jsEval[float64](t, frame, `Math.ceil(document.body.getBoundingClientRect().height)`)
			if d := frameH - contentH; d >= -2 && d <= 2 {
				return frameH
			}
		}
		t.Fatalf("%s: iframe height %.0f, its content %.0f", when, frameH, contentH)
		return 0
	}
	before := fits("with results")
	screenshot(t, ctx, "widget.png")
	step(t, frame, "search in the widget", chromedp.SetValue(chromedp.CSS("#embed-q"), "qqqzzzx nothing matches"))
	step(t, frame, "submit", chromedp.Submit(chromedp.CSS("#embed-q")))
	waitFor(t, frame, "no results", `location.search.includes("q=qqqzzzx") && document.querySelectorAll(".hit").length === 0 && !!document.querySelector(".summary")`)
	waitFor(t, ctx, "the iframe to shrink", fmt.Sprintf(`document.querySelector("#light iframe").getBoundingClientRect().height < %f`, before-20))
	fits("after a search with no result")
}

// hostileArticle is an article whose quote, speaker, title and link try to
// run script in whatever shows them. Each payload sets window.pwned.
const hostileArticle = `{"id": "hostile-markup", "url": "javascript:window.pwned='url'",
 "title": "<img src=x onerror=window.pwned=2> Council notes",
 "outlet": "<script>window.pwned=3</script>Gazette", "published": "2026-09-01",
 "text": "The council met on Tuesday.\n\n“Read <script>window.pwned=4</script> the <img src=x onerror=window.pwned=5> minutes and <a href=javascript:window.pwned=6>click here</a>,” said Mallory Vance, the council clerk."}`

func TestBrowserEscapesArticleData(t *testing.T) {
	ctx := newBrowser(t)
	base, key := sampleServerKey(t)
	resp, err := postArticle(base, key, hostileArticle)
	if err != nil {
		t.Fatal(err)
	}
	var posted struct {
		Quotes []struct {
			ID string `json:"id"`
		} `json:"quotes"`
	}
	err = json.NewDecoder(resp.Body).Decode(&posted)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusCreated || len(posted.Quotes) == 0 {
		t.Fatalf("POST the hostile article: %s, %v, %d quotes", resp.Status, err, len(posted.Quotes))
	}

	// oEmbed's iframe HTML, put in a newsroom page as a CMS would.
	resp, err = http.Get(base + "oembed?url=" + url.QueryEscape(base+"?q=minutes"))
	if err != nil {
		t.Fatal(err)
	}
	var oembed struct {
		HTML string `json:"html"`
	}
	err = json.NewDecoder(resp.Body).Decode(&oembed)
	resp.Body.Close()
	if err != nil || !strings.HasPrefix(oembed.HTML, "<iframe") {
		t.Fatalf("oEmbed: %v, html %q", err, oembed.HTML)
	}
	cms := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>CMS</title></head><body>%s</body></html>`, oembed.HTML)
	}))
	defer cms.Close()

	// clean is true when the page shows the payloads as text and ran none.
	const clean = `(() => {
		const text = document.body.textContent;
		return window.pwned === undefined &&
			text.includes("<script>window.pwned=4</script>") &&
			text.includes("<img src=x") &&
			document.querySelectorAll("main img, main script, .hit img, .hit script, a[href^='javascript:']").length === 0;
	})()`
	for _, tt := range []struct{ name, url string }{
		{"the search page, drawn by the server", base + "?q=minutes"},
		{"the search page filtered by the speaker", base + "?q=minutes&speaker=" + url.QueryEscape("Mallory Vance")},
		{"the quote's permalink", base + "quotes/" + posted.Quotes[0].ID},
		{"the speaker's page", base + "speakers/Mallory%20Vance"},
		{"the widget", base + "embed?q=minutes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			step(t, ctx, "open "+tt.url, chromedp.Navigate(tt.url))
			waitFor(t, ctx, "the payloads as plain text, none run", clean)
		})
	}
	t.Run("the search page drawn by its script, after typing", func(t *testing.T) {
		step(t, ctx, "open the page", chromedp.Navigate(base))
		step(t, ctx, "type", chromedp.SendKeys(chromedp.CSS("#q"), "minutes"))
		waitFor(t, ctx, "the payloads as plain text, none run", `location.search.includes("q=minutes") && `+clean)
	})
	t.Run("the oEmbed iframe in a CMS page", func(t *testing.T) {
		step(t, ctx, "open the CMS page", chromedp.Navigate(strings.Replace(cms.URL, "127.0.0.1", "localhost", 1)))
		frame := frameContext(t, ctx, jsEval[string](t, ctx, `document.querySelector("iframe").src`))
		waitFor(t, frame, "the payloads as plain text, none run", clean)
		if p := jsEval[bool](t, ctx, `window.pwned === undefined`); !p {
			t.Error("the CMS page ran a payload")
		}
	})
}

// lowContrast lists the visible text whose colour against its background
// is under WCAG AA (4.5:1, or 3:1 for large text), as "text: ratio".
// The background is the first opaque one among the element and its
// ancestors; the pages use no background images.
const lowContrast = `(() => {
	const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
	const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
		.reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
	const background = (el) => {
		for (; el; el = el.parentElement) {
			const c = rgb(getComputedStyle(el).backgroundColor);
			if (c.length === 3 || c[3] > 0.9) return c.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (!n.nodeValue.trim() || !el || !el.checkVisibility() || el.closest(".visually-hidden, .skip, svg")) continue;
		const st = getComputedStyle(el);
		const fg = rgb(st.color).slice(0, 3), bg = background(el);
		const [a, b] = [lum(fg) + 0.05, lum(bg) + 0.05];
		const ratio = Math.max(a, b) / Math.min(a, b);
		const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
		const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
		if (ratio < need) out.push(n.nodeValue.trim().slice(0, 40) + ": " + ratio.toFixed(2));
	}
	return out;
})()`

// auditPage checks the page open in ctx as a demanding reader would: every
// link, button and field has an accessible name, the text has enough
// contrast, there is one h1 (unless the page is a widget), the document
// says its language, and nothing was loaded from another host.
func auditPage(t *testing.T, ctx context.Context, origin string, widget bool) {
	t.Helper()
	if bad := jsEval[[]string](t, ctx, lowContrast); len(bad) > 0 {
		t.Errorf("text under WCAG AA contrast: %q", bad)
	}
	if lang := jsEval[string](t, ctx, `document.documentElement.lang`); lang != "en" {
		t.Errorf("<html lang> = %q", lang)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll("h1").length`); !widget && n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	foreign := jsEval[[]string](t, ctx, `performance.getEntriesByType("resource").map(e => e.name).filter(u => !u.startsWith(`+
		fmt.Sprintf("%q", origin)+`) && !u.startsWith("data:"))`)
	if len(foreign) > 0 {
		t.Errorf("resources from another host: %q", foreign)
	}
	tree := step(t, ctx, "accessibility tree", chromedp.Action[accessibility.GetFullAXTreeResult](
		func(ctx context.Context, tg *chromedp.Target) (accessibility.GetFullAXTreeResult, error) {
			return cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		}))
	named := map[string]bool{"link": true, "button": true, "textbox": true, "searchbox": true, "combobox": true, "checkbox": true, "tab": true}
	for _, n := range tree.Nodes {
		if n.Ignored || n.Role == nil {
			continue
		}
		var role, name string
		_ = json.Unmarshal(n.Role.Value, &role)
		if n.Name != nil {
			_ = json.Unmarshal(n.Name.Value, &name)
		}
		if named[role] && strings.TrimSpace(name) == "" {
			t.Errorf("a %s without an accessible name (DOM node %d)", role, n.BackendDOMNodeID)
		}
	}
}

func TestBrowserAccessibility(t *testing.T) {
	ctx := newBrowser(t)
	base := sampleServer(t)
	origin := strings.TrimSuffix(base, "/")
	pages := []struct {
		name, path string
		dark       bool
		widget     bool
	}{
		{"the search page", "?q=lumber", false, false},
		{"the search page, dark", "?q=lumber", true, false},
		{"the claims tab", "#claims", false, false},
		{"a speaker's page", "speakers/Elaine%20Marchetti", false, false},
		{"a speaker's page, dark", "speakers/Elaine%20Marchetti", true, false},
		{"the widget", "embed?q=lumber&search=1", false, true},
		{"the widget, dark theme", "embed?q=lumber&search=1&theme=dark", false, true},
		{"the widget, dark by the reader's setting", "embed?q=lumber", true, true},
		{"a claim in the widget", "embed?claim=" + url.QueryEscape("Canada and the United States agreed to cut lumber tariffs"), false, true},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			scheme := "light"
			if p.dark {
				scheme = "dark"
			}
			step(t, ctx, "prefers-color-scheme: "+scheme, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			}))
			step(t, ctx, "open "+p.path, chromedp.Navigate(base+p.path))
			waitFor(t, ctx, "the page drawn", `document.readyState === "complete" && !document.querySelector("[aria-busy=true]")`)
			auditPage(t, ctx, origin, p.widget)
		})
	}
	t.Run("a quote's page", func(t *testing.T) {
		step(t, ctx, "open the search", chromedp.Navigate(base+"?q=lumber"))
		step(t, ctx, "open a permalink", chromedp.Click(chromedp.CSS(".hit .permalink")))
		waitFor(t, ctx, "the quote page", `location.pathname.startsWith("/quotes/") && document.readyState === "complete"`)
		auditPage(t, ctx, origin, false)
	})
	t.Run("keyboard: the first Tab reaches the skip link, which leads to the content", func(t *testing.T) {
		step(t, ctx, "open the page", chromedp.Navigate(base))
		step(t, ctx, "press Tab", chromedp.KeyEvent("\t"))
		if got := jsEval[string](t, ctx, `document.activeElement.className + " " + document.activeElement.getAttribute("href")`); got != "skip #main" {
			t.Errorf("the first Tab focuses %q, want the skip link", got)
		}
		step(t, ctx, "press Enter", chromedp.KeyEvent("\r"))
		waitFor(t, ctx, "focus on the content", `document.activeElement.id === "main"`)
	})
}

// forgeryPage is a page of another site that tries, from the browser of
// an editor who has the server open, to post a fabricated quote: a form
// posting text/plain (no preflight), no-cors fetches with a text/plain
// body and with a body of no type, and a JSON fetch (preflighted). BASE is the server's address.
const forgeryPage = `<!doctype html><title>cats</title>
<form id="f" method="POST" action="BASE/api/articles" enctype="text/plain">
<input name='{"id": "forged-form", "text": "“We surrender unconditionally,” said Ada Quist. ", "x": "' value='"}'>
</form>
<script>
const body = id => JSON.stringify({id, text: "“We surrender unconditionally,” said Ada Quist."});
Promise.allSettled([
  fetch("BASE/api/articles", {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body: body("forged-nocors")}),
  fetch("BASE/api/articles", {method: "POST", mode: "no-cors", body: new Blob([body("forged-blob")])}),
  fetch("BASE/api/articles", {method: "POST", headers: {"Content-Type": "application/json"}, body: body("forged-json")}),
]).then(() => { document.title = "sent"; document.getElementById("f").submit(); });
</script>`

func TestBrowserCrossSiteWriteRefused(t *testing.T) {
	ctx := newBrowser(t)
	base := sampleServer(t)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, strings.ReplaceAll(forgeryPage, "BASE/", base))
	}))
	defer evil.Close()

	step(t, ctx, "open the other site's page", chromedp.Navigate(evil.URL))
	// The form's submission navigates to the server's answer.
	waitFor(t, ctx, "the form posted", `location.href.startsWith(`+strconv.Quote(base)+`)`)

	for _, id := range []string{"forged-form", "forged-nocors", "forged-blob", "forged-json"} {
		resp, err := http.Get(base + "api/quotes?article=" + id)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Total int `json:"total"`
		}
		err = json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		if err != nil || got.Total != 0 {
			t.Errorf("article %s from another site's page was stored (%d quotes, %v)", id, got.Total, err)
		}
	}
}

// The daily tools of the search page and the widget, in a browser: a
// Boolean search, the export and feed links under the results, and the
// widget's label on reported speech.
func TestBrowserNewsroomTools(t *testing.T) {
	ctx := newBrowser(t)
	base, key := sampleServerKey(t, "--ingest", filepath.Join("..", "..", "testdata", "wire", "articles.jsonl"))

	step(t, ctx, "open the page", chromedp.Navigate(base))
	step(t, ctx, "see the search box", chromedp.WaitVisible(chromedp.CSS("#q")))
	step(t, ctx, "type a Boolean query", chromedp.SendKeys(chromedp.CSS("#q"), "(lumber OR sawmill) AND NOT kind:direct"))
	waitFor(t, ctx, "its results", `location.search.includes("AND+NOT") && document.querySelectorAll("#results .hit").length > 0`)
	kinds := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#results .hit .kind"), k => k.textContent)`)
	if len(kinds) == 0 {
		t.Fatal("no kind shown on the hits")
	}
	for _, k := range kinds {
		if k == "Direct quote" {
			t.Errorf("a direct quote among the hits of ... AND NOT kind:direct")
		}
	}
	total := jsEval[int](t, ctx, `parseInt(document.querySelector("#summary").textContent)`)

	// The export link downloads every match as CSV: a header and a row a
	// quote (fetched by the page's own script, as the download would be).
	waitFor(t, ctx, "the export links", `!!document.querySelector("#export-csv") && !!document.querySelector("#feed")`)
	body := step(t, ctx, "fetch the CSV", chromedp.Evaluate[string](`fetch(document.querySelector("#export-csv").href).then(r => r.text())`,
		chromedp.EvalAwaitPromise))
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(rows) != total+1 || rows[0][1] != "quote" {
		t.Errorf("CSV export: %d rows (%v), want the header and %d quotes", len(rows), err, total)
	}
	// The feed link is an Atom feed of the same search.
	body = step(t, ctx, "fetch the feed", chromedp.Evaluate[string](`fetch(document.querySelector("#feed").href).then(r => r.text())`,
		chromedp.EvalAwaitPromise))
	if feed, err := gofeed.NewParser().ParseString(body); err != nil || feed.FeedType != "atom" || len(feed.Items) != min(total, 50) {
		t.Errorf("feed of the search: %v, %d entries, want %d", err, len(feed.Items), min(total, 50))
	}

	// A quote three outlets carried is one hit that says so, in the
	// results the page's script draws as one types.
	step(t, ctx, "open the page again", chromedp.Navigate(base))
	step(t, ctx, "search a wire quote", chromedp.SendKeys(chromedp.CSS("#q"), "waited two years"))
	waitFor(t, ctx, "its results", `location.search.includes("waited") && document.querySelectorAll("#results .hit").length > 0`)
	lines := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#results .hit .appearances"), a => a.textContent)`)
	if !slices.Contains(lines, "3 appearances, first in Coastline Wire on 2 Jun 2026") {
		t.Errorf("appearance lines %q, want the wire quote's", lines)
	}
	step(t, ctx, "open where it appeared", chromedp.Click(chromedp.CSS("#results .hit a.appearances")))
	waitFor(t, ctx, "the list of appearances", `document.querySelectorAll("#appearances li").length === 3`)

	// An editor's correction is labelled in those results too.
	res, err := http.Get(base + "api/quotes?q=" + url.QueryEscape(`"strand thousands"`))
	if err != nil {
		t.Fatal(err)
	}
	var found struct {
		Hits []struct{ Quote quotes.Quote }
	}
	err = json.NewDecoder(res.Body).Decode(&found)
	res.Body.Close()
	if err != nil || len(found.Hits) == 0 {
		t.Fatalf("the quote to correct: %v, %d hits", err, len(found.Hits))
	}
	correction, _ := json.Marshal(quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: found.Hits[0].Quote.ID,
		Speaker: "Owen Pritchard", Role: "Harbour Authority chief", By: "desk", Reason: "role from the first paragraph"})
	req, _ := http.NewRequest(http.MethodPost, base+"api/corrections", bytes.NewReader(correction))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusOK {
		t.Fatalf("correction: %v %v", err, res)
	}
	step(t, ctx, "open the page once more", chromedp.Navigate(base))
	step(t, ctx, "search the corrected quote", chromedp.SendKeys(chromedp.CSS("#q"), "strand thousands"))
	waitFor(t, ctx, "the corrected quote", `location.search.includes("strand") && document.querySelectorAll("#results .hit .corrected").length > 0`)
	if title := jsEval[string](t, ctx, `document.querySelector("#results .hit .corrected").title`); !strings.Contains(title, "role from the first paragraph") {
		t.Errorf("the correction label says %q", title)
	}

	// The widget labels reported speech and puts it in no quotation marks.
	step(t, ctx, "open a widget of reported speech", chromedp.Navigate(base+"embed?speaker="+url.QueryEscape("Amira Costa")))
	waitFor(t, ctx, "the widget's quotes", `document.querySelectorAll(".hit").length > 0`)
	got := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll(".hit .reported"), p => p.textContent.trim())`)
	if len(got) == 0 {
		t.Fatal("no reported speech labelled in the widget")
	}
	for _, g := range got {
		if !strings.HasPrefix(g, "Reported speech Amira Costa ") || strings.ContainsAny(g, "“”") {
			t.Errorf("reported speech shown as %q", g)
		}
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll(".hit blockquote").length`); n != 0 {
		t.Errorf("%d of Amira Costa's reported statements in quotation marks", n)
	}
}
