package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// openAPIJSON is the OpenAPI 3.1 document of the JSON API, as written in
// openapi.json. Its servers entry, if any, is replaced at request time by
// the server's public origin.
//
//go:embed openapi.json
var openAPIJSON []byte

// openAPI is openapi.json parsed and split around its servers entry. It is
// built once at package init: a broken document is a programming error,
// caught by the tests.
var openAPI = mustParseOpenAPI(openAPIJSON)

// openAPIDoc is the OpenAPI document ready to serve: compact JSON, with
// HTML-sensitive characters escaped as writeJSON escapes them, cut where
// the servers entry goes.
type openAPIDoc struct {
	// head is the document up to the value of "servers", that is
	// `{"openapi":…,"info":…,"servers":`.
	head []byte
	// tail is the rest of the document after that value, from the comma
	// before the next member to the closing brace.
	tail []byte
}

// mustParseOpenAPI is parseOpenAPI for package init: it panics on error.
func mustParseOpenAPI(b []byte) openAPIDoc {
	d, err := parseOpenAPI(b)
	if err != nil {
		panic(fmt.Sprintf("server: embedded openapi.json: %v", err))
	}
	return d
}

// member is one member of a JSON object, in document order.
type member struct {
	key   string
	value json.RawMessage
}

// parseOpenAPI reads an OpenAPI document: exactly one JSON object with a
// string member "openapi" that starts with "3.", and an object member
// "paths". It keeps the order of the top-level members, drops any
// "servers" member, and puts the servers slot right after "info" (or
// "openapi" when there is no info).
func parseOpenAPI(b []byte) (openAPIDoc, error) {
	members, err := readObject(b)
	if err != nil {
		return openAPIDoc{}, err
	}
	var (
		kept    []member
		slot    = -1 // index in kept after which servers goes
		version string
		paths   bool
	)
	for _, m := range members {
		switch m.key {
		case "servers":
			continue
		case "openapi":
			if err := json.Unmarshal(m.value, &version); err != nil {
				return openAPIDoc{}, fmt.Errorf("openapi: want a version string: %w", err)
			}
			if slot < 0 {
				slot = len(kept)
			}
		case "info":
			slot = len(kept)
		case "paths":
			var p map[string]json.RawMessage
			if err := json.Unmarshal(m.value, &p); err != nil || p == nil {
				return openAPIDoc{}, errors.New("paths: want an object")
			}
			paths = true
		}
		kept = append(kept, m)
	}
	if !strings.HasPrefix(version, "3.") {
		return openAPIDoc{}, fmt.Errorf("openapi: version %q is not 3.x", version)
	}
	if !paths {
		return openAPIDoc{}, errors.New("no paths")
	}

	var head, tail bytes.Buffer
	head.WriteByte('{')
	buf := &head
	for i, m := range kept {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := writeMember(buf, m); err != nil {
			return openAPIDoc{}, err
		}
		if i == slot {
			head.WriteString(`,"servers":`)
			buf = &tail
		}
	}
	tail.WriteByte('}')
	return openAPIDoc{head: head.Bytes(), tail: tail.Bytes()}, nil
}

// readObject decodes b as exactly one JSON object and returns its members
// in document order. A key given twice is an error: JSON decoders differ
// on which one wins.
func readObject(b []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("read document: %w", err)
	} else if tok != json.Delim('{') {
		return nil, fmt.Errorf("document is %v, not a JSON object", tok)
	}
	var out []member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("read key after %d members: %w", len(out), err)
		}
		key, _ := tok.(string) // the decoder allows only strings here
		if seen[key] {
			return nil, fmt.Errorf("key %q given twice", key)
		}
		seen[key] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("read %q: %w", key, err)
		}
		out = append(out, member{key: key, value: v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("read end of document: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the document's object")
	}
	return out, nil
}

// writeMember writes m as `"key":value`, compacted and HTML-escaped.
func writeMember(buf *bytes.Buffer, m member) error {
	k, err := json.Marshal(m.key)
	if err != nil {
		return fmt.Errorf("encode key %q: %w", m.key, err)
	}
	v, err := json.Marshal(m.value) // compacts and escapes <, > and &
	if err != nil {
		return fmt.Errorf("encode %q: %w", m.key, err)
	}
	buf.Write(k)
	buf.WriteByte(':')
	buf.Write(v)
	return nil
}

// render returns the document with servers set to the one origin given.
func (d openAPIDoc) render(origin string) ([]byte, error) {
	servers, err := json.Marshal([]map[string]string{{"url": origin}})
	if err != nil {
		return nil, fmt.Errorf("encode servers for %q: %w", origin, err)
	}
	out := make([]byte, 0, len(d.head)+len(servers)+len(d.tail))
	out = append(out, d.head...)
	out = append(out, servers...)
	return append(out, d.tail...), nil
}

// handleOpenAPI serves GET /api/openapi.json: the embedded OpenAPI
// document, with the server's public origin as its one server.
func (s *server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	body, err := openAPI.render(s.origin(r))
	if err != nil {
		s.apiError(w, r, fmt.Errorf("openapi: %w", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "public, max-age=3600")
	s.varyOrigin(h)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
