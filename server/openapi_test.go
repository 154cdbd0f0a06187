package server

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// quietOptions are Options whose logger drops the request log.
func quietOptions(o Options) Options {
	o.Logger = slog.New(slog.DiscardHandler)
	return o
}

// openAPIFile decodes the embedded openapi.json as it is written.
func openAPIFile(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPIJSON, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// TestOpenAPIServed checks that GET /api/openapi.json, through the full
// handler, answers the embedded document with the server's public origin
// as its one server.
func TestOpenAPIServed(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		target string
		header map[string]string
		want   string
	}{
		{"request host", Options{}, "http://example.test/api/openapi.json", nil, "http://example.test"},
		{"host with port", Options{}, "http://127.0.0.1:8080/api/openapi.json", nil, "http://127.0.0.1:8080"},
		{"behind TLS proxy", Options{}, "http://example.test/api/openapi.json",
			map[string]string{"X-Forwarded-Proto": "https"}, "https://example.test"},
		{"base URL", Options{BaseURL: "https://quotes.example.org/"}, "http://127.0.0.1/api/openapi.json",
			nil, "https://quotes.example.org"},
	}
	file := openAPIFile(t)
	delete(file, "servers")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New(nil, nil, quietOptions(tt.opts))
			req := httptest.NewRequest(http.MethodGet, tt.target, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)

			if w.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", w.Code, w.Body)
			}
			if got := w.Header().Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", got)
			}
			if got := w.Header().Get("Cache-Control"); got != "public, max-age=3600" {
				t.Errorf("Cache-Control = %q, want public, max-age=3600", got)
			}
			// Without a base URL, the origin depends on X-Forwarded-Proto.
			vary := strings.Join(w.Header().Values("Vary"), ", ")
			if want := tt.opts.BaseURL == ""; strings.Contains(vary, "X-Forwarded-Proto") != want {
				t.Errorf("Vary = %q; want X-Forwarded-Proto in it: %v", vary, want)
			}
			var doc map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
				t.Fatalf("body is not JSON: %v\n%.200s", err, w.Body)
			}
			if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
				t.Errorf("openapi = %v, want 3.x", doc["openapi"])
			}
			var servers []struct {
				URL string `json:"url"`
			}
			if b, err := json.Marshal(doc["servers"]); err != nil || json.Unmarshal(b, &servers) != nil {
				t.Fatalf("servers = %v, want an array of objects", doc["servers"])
			}
			if len(servers) != 1 || servers[0].URL != tt.want {
				t.Errorf("servers = %+v, want one with url %q", servers, tt.want)
			}
			// Apart from servers, the document is the file as written.
			delete(doc, "servers")
			if !reflect.DeepEqual(doc, file) {
				t.Errorf("served document differs from openapi.json beyond servers")
			}
		})
	}
}

// httpMethods are the keys of an OpenAPI path item that are operations.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// openAPIPaths decodes the paths of an OpenAPI document, each path item
// as its raw members.
func openAPIPaths(t *testing.T, doc []byte) map[string]map[string]json.RawMessage {
	t.Helper()
	var d struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatalf("decode OpenAPI document: %v", err)
	}
	return d.Paths
}

// routeProblems compares the routes of a router with the paths of an
// OpenAPI document, method by method (HEAD aside: every GET route takes
// it), and says what is missing on either side, in a stable order.
func routeProblems(routes []route, paths map[string]map[string]json.RawMessage) []string {
	served := map[string]bool{} // "GET /api/quotes"
	for _, rt := range routes {
		for _, m := range rt.methods {
			if m != http.MethodHead {
				served[strings.ToUpper(m)+" "+rt.path] = true
			}
		}
	}
	described := map[string]bool{}
	for path, item := range paths {
		for key := range item {
			if slices.Contains(httpMethods, key) {
				described[strings.ToUpper(key)+" "+path] = true
			}
		}
	}
	var out []string
	for _, op := range slices.Sorted(maps.Keys(served)) {
		if !described[op] {
			out = append(out, "route "+op+" is not in openapi.json: describe it under paths")
		}
	}
	for _, op := range slices.Sorted(maps.Keys(described)) {
		if !served[op] {
			out = append(out, "openapi.json describes "+op+", which the router does not serve")
		}
	}
	return out
}

// TestOpenAPIRoutes checks that the document describes every API route of
// the server's router, method by method, and nothing else.
func TestOpenAPIRoutes(t *testing.T) {
	s := newServer(nil, nil, quietOptions(Options{}))
	routes, err := apiRoutes(s.router)
	if err != nil {
		t.Fatal(err)
	}
	if len(routes) == 0 {
		t.Fatal("apiRoutes found no API route in the router")
	}
	for _, p := range routeProblems(routes, openAPIPaths(t, openAPIJSON)) {
		t.Error(p)
	}
}

// TestOpenAPIRouteCheck checks apiRoutes and routeProblems on a small
// router, so that TestOpenAPIRoutes is known to catch what it should.
func TestOpenAPIRouteCheck(t *testing.T) {
	nop := func(http.ResponseWriter, *http.Request) {}
	r := mux.NewRouter()
	r.HandleFunc("/api/a", nop).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/a", nop).Methods(http.MethodPost)
	r.HandleFunc("/api/b/{id:[0-9]{2,}}", nop).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/oembed", nop).Methods(http.MethodGet)
	r.HandleFunc("/healthz", nop).Methods(http.MethodGet)
	r.HandleFunc("/page/{name}", nop).Methods(http.MethodGet) // not API
	r.HandleFunc("/apix", nop).Methods(http.MethodGet)        // not API
	r.PathPrefix("/static/").HandlerFunc(nop)                 // not API
	r.Headers("X-Any", "1").HandlerFunc(nop)                  // no path
	sub := r.PathPrefix("/api/v2").Subrouter()
	sub.HandleFunc("/c", nop).Methods(http.MethodDelete)

	routes, err := apiRoutes(r)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"complete",
			`{"paths": {"/api/a": {"get": {}, "post": {}, "parameters": []}, "/api/b/{id}": {"get": {}},
			  "/api/v2/c": {"delete": {}}, "/oembed": {"get": {}}, "/healthz": {"get": {}, "summary": "s"}}}`,
			nil},
		{"missing path and method, stale entries",
			`{"paths": {"/api/a": {"get": {}, "put": {}}, "/api/b/{id}": {"get": {}},
			  "/api/v2/c": {"delete": {}}, "/healthz": {"get": {}}, "/api/gone": {"get": {}}}}`,
			[]string{
				"route GET /oembed is not in openapi.json: describe it under paths",
				"route POST /api/a is not in openapi.json: describe it under paths",
				"openapi.json describes GET /api/gone, which the router does not serve",
				"openapi.json describes PUT /api/a, which the router does not serve",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := routeProblems(routes, openAPIPaths(t, []byte(tt.doc)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}

	// A described route that takes any method cannot be documented.
	r.HandleFunc("/api/any", nop)
	if _, err := apiRoutes(r); err == nil || !strings.Contains(err.Error(), "/api/any") {
		t.Errorf("apiRoutes with a route of any method: err = %v, want one naming it", err)
	}
}

// pathParam matches a {name} of a path template.
var pathParam = regexp.MustCompile(`\{([^{}]+)\}`)

// TestOpenAPIPathParameters checks that every {name} of a documented path
// is declared as a required path parameter, on the path or on each of its
// operations.
func TestOpenAPIPathParameters(t *testing.T) {
	doc := openAPIFile(t)
	paths, _ := doc["paths"].(map[string]any)
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		item, _ := paths[path].(map[string]any)
		names := pathParam.FindAllStringSubmatch(path, -1)
		for _, method := range httpMethods {
			op, ok := item[method].(map[string]any)
			if !ok {
				continue
			}
			declared := map[string]bool{}
			for _, list := range []any{item["parameters"], op["parameters"]} {
				params, _ := list.([]any)
				for _, p := range params {
					p := resolveRef(t, doc, p)
					if p["in"] == "path" && p["required"] == true {
						name, _ := p["name"].(string)
						declared[name] = true
					}
				}
			}
			for _, n := range names {
				if !declared[n[1]] {
					t.Errorf("%s %s: no required path parameter %q", strings.ToUpper(method), path, n[1])
				}
			}
		}
	}
}

// resolveRef returns v as an object, following its $ref if it has one.
func resolveRef(t *testing.T, doc map[string]any, v any) map[string]any {
	t.Helper()
	m, _ := v.(map[string]any)
	ref, ok := m["$ref"].(string)
	if !ok {
		return m
	}
	target, ok := lookupPointer(doc, ref)
	if !ok {
		t.Fatalf("$ref %q does not resolve", ref)
	}
	out, _ := target.(map[string]any)
	return out
}

// TestOpenAPIRefs checks that every $ref of the document points at an
// existing entry under #/components/.
func TestOpenAPIRefs(t *testing.T) {
	doc := openAPIFile(t)
	n := 0
	walkJSON(doc, "#", func(at string, v map[string]any) {
		ref, ok := v["$ref"].(string)
		if !ok {
			return
		}
		n++
		if !strings.HasPrefix(ref, "#/components/") {
			t.Errorf("%s: $ref %q does not point under #/components/", at, ref)
			return
		}
		if _, ok := lookupPointer(doc, ref); !ok {
			t.Errorf("%s: $ref %q does not resolve", at, ref)
		}
	})
	if n == 0 {
		t.Error("no $ref in the document: the walk is broken")
	}
}

// walkJSON calls f on every object within v, with its JSON pointer.
func walkJSON(v any, at string, f func(at string, v map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		f(at, v)
		for _, k := range slices.Sorted(maps.Keys(v)) {
			walkJSON(v[k], at+"/"+escapePointer(k), f)
		}
	case []any:
		for i, e := range v {
			walkJSON(e, at+"/"+strconv.Itoa(i), f)
		}
	}
}

// escapePointer escapes a key for a JSON pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}

// lookupPointer resolves the local reference ref ("#/components/schemas/X")
// in doc.
func lookupPointer(doc map[string]any, ref string) (any, bool) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = doc
	unescape := strings.NewReplacer("~1", "/", "~0", "~")
	for _, tok := range strings.Split(rest, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[unescape.Replace(tok)]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// TestParseOpenAPI checks the reading of the document: the checks that
// make a broken file fail at init, the placing of servers, and escaping.
func TestParseOpenAPI(t *testing.T) {
	if _, err := parseOpenAPI(openAPIJSON); err != nil {
		t.Fatalf("embedded openapi.json: %v", err)
	}

	good := []struct {
		name, doc, origin, want string
	}{
		{"servers replaced after info",
			`{"openapi": "3.1.0", "info": {"title": "t"}, "servers": [{"url": "/"}], "paths": {}}`,
			"http://a.test",
			`{"openapi":"3.1.0","info":{"title":"t"},"servers":[{"url":"http://a.test"}],"paths":{}}`},
		{"servers added after info",
			`{"info": {}, "paths": {"/x": {}}, "openapi": "3.0.3"}`,
			"https://b.test",
			`{"info":{},"servers":[{"url":"https://b.test"}],"paths":{"/x":{}},"openapi":"3.0.3"}`},
		{"servers added last",
			`{"paths": {}, "openapi": "3.1.0"}`,
			"http://c.test",
			`{"paths":{},"openapi":"3.1.0","servers":[{"url":"http://c.test"}]}`},
		{"HTML escaped",
			`{"openapi": "3.1.0", "info": {"description": "<mark>&"}, "paths": {}}`,
			"http://<x>",
			`{"openapi":"3.1.0","info":{"description":"\u003cmark\u003e\u0026"},"servers":[{"url":"http://\u003cx\u003e"}],"paths":{}}`},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseOpenAPI([]byte(tt.doc))
			if err != nil {
				t.Fatalf("parseOpenAPI: %v", err)
			}
			got, err := d.render(tt.origin)
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("render(%q) =\n%s\nwant\n%s", tt.origin, got, tt.want)
			}
		})
	}

	bad := []struct {
		name, doc, msg string
	}{
		{"empty", ``, "read document"},
		{"not an object", `[]`, "not a JSON object"},
		{"truncated", `{"openapi": "3.1.0", "paths": {`, "paths"},
		{"syntax", `{"openapi": "3.1.0" "paths": {}}`, "invalid character"},
		{"trailing data", `{"openapi": "3.1.0", "paths": {}} {}`, "after the document"},
		{"duplicate key", `{"openapi": "3.1.0", "paths": {}, "paths": {}}`, `"paths" given twice`},
		{"no version", `{"paths": {}}`, "not 3.x"},
		{"version 2", `{"openapi": "2.0", "paths": {}}`, "not 3.x"},
		{"version not a string", `{"openapi": 3, "paths": {}}`, "version string"},
		{"no paths", `{"openapi": "3.1.0"}`, "no paths"},
		{"paths not an object", `{"openapi": "3.1.0", "paths": []}`, "paths"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseOpenAPI([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("parseOpenAPI(%q) = %v, want an error mentioning %q", tt.doc, err, tt.msg)
			}
		})
	}
}

// route is one route of the router: its path template, in OpenAPI syntax,
// and the methods it takes.
type route struct {
	path    string
	methods []string
}

// apiRoutes walks r and returns the routes the OpenAPI document must
// describe: those whose path template starts with /api/, and /oembed and
// /healthz. Their templates are given as OpenAPI writes them, without the
// patterns of variables ("/api/x/{id}" for mux's "/api/x/{id:[0-9]+}").
// Routes without a path or a handler (subrouter mounts) are skipped; a
// described route that takes any method is an error, since the document
// cannot list it.
func apiRoutes(r *mux.Router) ([]route, error) {
	var out []route
	err := r.Walk(func(rt *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		if rt.GetHandler() == nil {
			return nil // the mount of a subrouter, whose routes come next
		}
		tpl, err := rt.GetPathTemplate()
		if err != nil {
			return nil // no path: a matcher of another kind, not an API route
		}
		path := openAPIPath(tpl)
		if !strings.HasPrefix(path, "/api/") && path != "/oembed" && path != "/healthz" {
			return nil
		}
		methods, err := rt.GetMethods()
		if err != nil {
			return fmt.Errorf("route %s: %w", path, err)
		}
		out = append(out, route{path: path, methods: methods})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk routes: %w", err)
	}
	return out, nil
}

// openAPIPath rewrites a mux path template in OpenAPI syntax: each
// {name:pattern} becomes {name}. Braces nest inside a pattern
// ({id:[0-9]{4}}), as mux allows.
func openAPIPath(tpl string) string {
	var b strings.Builder
	depth, skipping := 0, false
	for _, c := range tpl {
		switch {
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				skipping = false
			}
		case c == ':' && depth == 1:
			skipping = true
		}
		if !skipping || (c == '}' && depth == 0) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
