package eventdiff

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Options say how documents are read and judged. The zero value is the
// command line's defaults.
type Options struct {
	// RefRoot is the directory tree relative `$ref`s may read, instead of
	// the default (see File). For a git revision it is the same directory
	// of that revision.
	RefRoot string
	// AllowRemoteRefs follows http(s) references. Otherwise they are
	// compared by URL: the same URL on both sides is the same thing, a
	// changed one a warning (Document.RemoteRefs lists them).
	AllowRemoteRefs bool
	// HTTPClient fetches remote references; redirects to another scheme or
	// host are refused whatever its policy. When nil, a client like
	// http.DefaultClient that connects only to public addresses
	// (source.PublicClient): a document cannot make eventdiff fetch from
	// the network it runs in (a cloud metadata service, an internal API)
	// unless AllowPrivateHosts says so.
	HTTPClient *http.Client
	// AllowPrivateHosts lets remote references reach loopback, private and
	// link-local addresses when HTTPClient is nil (an internal schema
	// registry).
	AllowPrivateHosts bool
	// RemoteLimits bound what following remote references may cost, all
	// documents of the session together; the zero value means
	// limits.DefaultRemote.
	RemoteLimits limits.Remote
	// Limits bound what reading one document may cost and how many changes
	// a comparison may find; the zero value means limits.Default.
	Limits limits.Limits
	// Perspective is how AsyncAPI 2.x publish and subscribe are read
	// (spec.Application when empty).
	Perspective spec.Perspective
	// Config changes rule levels, accepts findings and sets the schema
	// policy (strict, assert-format); nil for the defaults.
	Config *rules.Config
	// Stdin is what Arg("-") reads (os.Stdin when nil).
	Stdin io.Reader
}

// Result is a classified comparison of two documents.
type Result struct {
	rules.Result // findings, counts and the suggested bump

	BaseDocument, RevisionDocument *spec.Document // the two documents as loaded
}

// Warnings are the problems of both documents that did not stop the
// comparison: base first, then revision.
func (r *Result) Warnings() []tree.Warning {
	return append(append([]tree.Warning(nil), r.BaseDocument.Warnings...), r.RevisionDocument.Warnings...)
}

// Compare loads two versions of a document, diffs them and judges every
// change. The documents are read concurrently.
func Compare(ctx context.Context, base, revision Source, opts Options) (*Result, error) {
	s := NewSession(opts)
	defer s.Close()
	return s.Compare(ctx, base, revision)
}

// Session reads documents for several comparisons: the git repository is
// opened once, each revision resolved once, and every file of every
// revision read through one long-running git process. Its methods may be
// called from several goroutines. Close ends the git processes.
type Session struct {
	opts Options

	mu         sync.Mutex // guards everything below
	repo       *source.GitRepo
	repoErr    error
	repoOpened bool
	objs       *source.GitObjects
	commits    map[string]string
	remote     *source.Remote // every remote fetch of the session, under one set of limits
}

// NewSession starts a session; nothing runs until a document is read.
func NewSession(opts Options) *Session {
	return &Session{opts: opts, commits: map[string]string{}}
}

// Close ends the git processes the session started.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.objs == nil {
		return nil
	}
	err := s.objs.Close()
	s.objs = nil
	return err
}

// Repo is the git repository around the current directory.
func (s *Session) Repo() (*source.GitRepo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.repoLocked()
}

func (s *Session) repoLocked() (*source.GitRepo, error) {
	if !s.repoOpened {
		s.repoOpened = true
		s.repo, s.repoErr = source.OpenGitRepo(".")
	}
	return s.repo, s.repoErr
}

// Commit resolves a revision to the SHA of its commit, once per session.
func (s *Session) Commit(rev string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.commits[rev]; ok {
		return c, nil
	}
	repo, err := s.repoLocked()
	if err != nil {
		return "", err
	}
	c, err := repo.Commit(rev)
	if err != nil {
		return "", err
	}
	s.commits[rev] = c
	return c, nil
}

// objects is the session's reader of git objects, started on first use.
func (s *Session) objects(repo *source.GitRepo) *source.GitObjects {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.objs == nil {
		s.objs = repo.Objects(s.limits().MaxFileSize)
	}
	return s.objs
}

// Load reads, resolves and models one document.
func (s *Session) Load(ctx context.Context, src Source) (doc *spec.Document, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer func() {
		// A bug must not take a long-running caller down with it.
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("%s: internal error, please report: %v", src, r)
		}
	}()
	in, err := s.open(src)
	if err != nil {
		return nil, err
	}
	return spec.Load(in, spec.Options{Limits: s.limits(), AllowRemoteRefs: s.opts.AllowRemoteRefs,
		Remote: s.remoteFetcher(), Perspective: s.opts.Perspective, Context: ctx})
}

// remoteFetcher is the session's one fetcher of remote references (nil
// when they are not followed), so that its deadline and byte caps hold for
// the whole session.
func (s *Session) remoteFetcher() *source.Remote {
	if !s.opts.AllowRemoteRefs {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.remote == nil {
		lim := s.opts.RemoteLimits
		if lim == (limits.Remote{}) {
			lim = limits.DefaultRemote
		}
		client := s.opts.HTTPClient
		if client == nil && s.opts.AllowPrivateHosts {
			client = http.DefaultClient
		}
		s.remote = source.NewRemote(client, lim)
	}
	return s.remote
}

// Compare loads both documents concurrently, diffs and judges them.
func (s *Session) Compare(ctx context.Context, base, revision Source) (*Result, error) {
	if base.kind == argSource && revision.kind == argSource && base.path == "-" && revision.path == "-" {
		return nil, ErrBothFromStdin
	}
	var docs [2]*spec.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i, src := range []Source{base, revision} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i], errs[i] = s.Load(ctx, src)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			if nr, ok := err.(*NotInRevisionError); ok {
				nr.Base = i == 0
			}
			return nil, err
		}
	}
	return s.CompareDocuments(docs[0], docs[1])
}

// CompareDocuments diffs two documents the session loaded, under its
// options' config and limits.
func (s *Session) CompareDocuments(base, revision *spec.Document) (*Result, error) {
	return CompareDocuments(base, revision, s.opts)
}

// CompareDocuments diffs two loaded documents and judges every change
// under opts.Config (nil for the defaults). Of the other options only
// opts.Limits counts: past its MaxChanges (limits.Default's when Limits is
// zero) the error is a *limits.Error.
func CompareDocuments(base, revision *spec.Document, opts Options) (*Result, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = &rules.Config{}
	}
	changes, err := diff.Compare(base, revision, diff.Options{
		Schema:     schema.Options{Strict: cfg.Policy.Strict, AssertFormat: cfg.Policy.AssertFormat},
		MaxChanges: opts.limits().MaxChanges,
	})
	if err != nil {
		return nil, err
	}
	return &Result{Result: rules.Classify(changes, base, revision, cfg), BaseDocument: base, RevisionDocument: revision}, nil
}
