package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests in this file kill a real quotes process with SIGKILL, which
// no deferred function survives, and check that nothing it acknowledged
// is lost and that the index agrees with the store afterwards.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds the quotes command once per test run.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("process-killing tests skipped in -short mode")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "quotes-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "quotes")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// killArticle is the text of the n-th article of these tests: one quote
// of a made-up speaker.
func killArticle(n int) string {
	return fmt.Sprintf(`Ada Quist, the mayor of Lowmarsh, spoke on Monday. "We will rebuild pier number %d before winter," Quist said.`, n)
}

// checkIndex runs check-index in-process and returns its report.
func checkIndex(t *testing.T, dir string) checkReport {
	t.Helper()
	r := runCLI(t, "", "--index", dir, "check-index", "--json")
	var rep checkReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("check-index --json: %v\n%s%s", err, r.stdout, r.stderr)
	}
	return rep
}

// Every article the API answered 2xx is stored and searchable after the
// server is killed mid-burst and started again.
func TestSIGKILLDuringAPIIngest(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	key := strings.TrimSpace(runCLI(t, "", "--index", dir, "token", "create", "burst").stdout)

	cmd := exec.Command(bin, "--index", dir, "serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := ""
	sc := bufio.NewScanner(stderr)
	urlRE := regexp.MustCompile(`msg=listening url=(http://\S+)/`)
	for sc.Scan() {
		if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	if base == "" {
		t.Fatal("the server did not say where it listens")
	}
	go io.Copy(io.Discard, stderr)

	var (
		mu    sync.Mutex
		acked []int
		wg    sync.WaitGroup
		next  = make(chan int)
		stop  = make(chan struct{})
	)
	client := &http.Client{Timeout: 10 * time.Second}
	for range 6 {
		wg.Go(func() {
			for n := range next {
				body, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("k%d", n), "text": killArticle(n), "outlet": "Lowmarsh Post"})
				req, _ := http.NewRequest("POST", base+"/api/articles", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+key)
				resp, err := client.Do(req)
				if err != nil {
					continue // killed mid-request: not acknowledged
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode/100 == 2 {
					mu.Lock()
					acked = append(acked, n)
					mu.Unlock()
				}
			}
		})
	}
	go func() {
		defer close(next)
		for n := 0; ; n++ {
			select {
			case next <- n:
			case <-stop:
				return
			}
		}
	}()
	// Kill once a good number of writes were acknowledged, mid-burst.
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 40 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	wg.Wait()
	if len(acked) < 40 {
		t.Fatalf("only %d writes acknowledged before the deadline", len(acked))
	}

	// Right after the kill: no quote without its article.
	if rep := checkIndex(t, dir); len(rep.Orphaned) > 0 || len(rep.Damaged) > 0 {
		t.Errorf("after SIGKILL: %+v", rep.Report)
	} else {
		t.Logf("after SIGKILL: %+v", rep.Report)
	}
	// Started again, the server indexes what was pending, and every
	// acknowledged article is found.
	s := startServe(t, "--index", dir, "serve", "--addr", "127.0.0.1:0")
	var lost []int
	for _, n := range acked {
		// With the key: keyed clients are not rate limited.
		req, _ := http.NewRequest("GET", s.base+"api/quotes?article="+url.QueryEscape(fmt.Sprintf("k%d", n)), nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search of article k%d: %s", n, resp.Status)
		}
		var res struct{ Total int }
		json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if res.Total != 1 {
			lost = append(lost, n)
		}
	}
	if len(lost) > 0 {
		t.Errorf("%d of %d acknowledged articles are not searchable after the restart: %v", len(lost), len(acked), lost)
	}
	s.stop(t)
	if rep := checkIndex(t, dir); !rep.OK() || rep.Articles < len(acked) {
		t.Errorf("after the restart: %+v; want the index to agree with the %d articles stored", rep.Report, len(acked))
	}
}

// An ingest killed at any point leaves no quote without its article, and
// running it again finishes the job with the index agreeing with the store.
func TestSIGKILLDuringIngest(t *testing.T) {
	bin := binary(t)
	var lines []string
	const articles = 600
	for n := range articles {
		blob, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("i%d", n), "text": killArticle(n)})
		lines = append(lines, string(blob))
	}
	input := filepath.Join(t.TempDir(), "burst.jsonl")
	if err := os.WriteFile(input, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Kill points spread over loading, extracting and storing.
	for _, after := range []time.Duration{700 * time.Millisecond, 1500 * time.Millisecond, 2500 * time.Millisecond} {
		t.Run(after.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin, "--index", dir, "ingest", input)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(after)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			if _, err := os.Stat(filepath.Join(dir, "articles.db")); err == nil {
				if rep := checkIndex(t, dir); len(rep.Orphaned) > 0 || len(rep.Damaged) > 0 {
					t.Errorf("after SIGKILL at %v: %+v", after, rep.Report)
				}
			}
			if r := runCLI(t, "", "--index", dir, "ingest", input); r.code != 0 {
				t.Fatalf("ingest again: %d %s", r.code, r.stderr)
			}
			if rep := checkIndex(t, dir); !rep.OK() || rep.Articles != articles || rep.Quotes < articles {
				t.Errorf("after the ingest ran again: %+v; want %d articles, all indexed", rep.Report, articles)
			}
		})
	}
}
