// Package source reads news articles from files: plain text, HTML pages,
// JSON lines (one article object a line), JSON (one article object or an
// array of them) and RSS/Atom feeds.
//
// Parse reads one input; its format is chosen by the file's extension, else
// by sniffing the first bytes. Walk expands the paths given on a command line
// (files, folders walked recursively, "-" for standard input) and hands the
// articles of each input to a callback, in a deterministic order, so that the
// caller decides what to do with a bad input: report it and go on, or stop.
//
// Every article returned has a stable id (quotes.Article.NormalizeID, or the
// file's base name for plain text and for HTML pages without a URL) and a
// text that is valid UTF-8. Quote offsets are byte offsets into that text, so
// the text of a plain-text file is kept as it is, but for its line endings
// (\r\n becomes \n). HTML is reduced to its readable article
// (go-readability), then to plain paragraphs separated by blank lines.
//
// Errors name the input and, where there is one, the line: a JSON-lines file
// with some bad lines gives its good articles and a *LineErrors listing the
// bad ones ("bad.jsonl:3: invalid character 'x' looking for beginning of
// value"); an input that cannot be read at all gives an error naming it.
//
// The package knows nothing of extraction or storage.
package source
