package githubtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Comment is an issue comment kept by the server.
type Comment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
}

// Request is one request the server received.
type Request struct {
	Method, Path, Query string
	Body                string
	Authorization       string
}

func (r Request) String() string {
	s := r.Method + " " + r.Path
	if r.Query != "" {
		s += "?" + r.Query
	}
	return s
}

// Failure is an answer given instead of the real one.
type Failure struct {
	Method string // "" for any
	Status int
	Header map[string]string
	Body   string
}

// Server fakes api.github.com for one repository's pull request comments.
type Server struct {
	*httptest.Server
	Token    string // the token every request must carry
	PageSize int    // comments per page when listing; default 100

	mu       sync.Mutex
	comments map[int][]Comment // by issue number
	nextID   int64
	requests []Request
	failures []Failure
}

// New starts a server; Close it when done.
func New(token string) *Server {
	s := &Server{Token: token, comments: map[int][]Comment{}, nextID: 1000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// AddComment puts an existing comment on an issue and returns its id.
func (s *Server) AddComment(issue int, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.comments[issue] = append(s.comments[issue], Comment{ID: s.nextID, Body: body})
	return s.nextID
}

// Comments returns an issue's comments.
func (s *Server) Comments(issue int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Comment(nil), s.comments[issue]...)
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// FailNext makes the next matching requests get these answers, in order.
func (s *Server) FailNext(fs ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, fs...)
}

var (
	listOrCreate = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$`)
	edit         = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$`)
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Body: string(body), Authorization: r.Header.Get("Authorization")})
	for i, f := range s.failures {
		if f.Method == "" || f.Method == r.Method {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			for k, v := range f.Header {
				w.Header().Set(k, v)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(f.Status)
			io.WriteString(w, f.Body)
			return
		}
	}
	if s.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.Token {
		reply(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
		return
	}
	if m := listOrCreate.FindStringSubmatch(r.URL.Path); m != nil {
		issue, _ := strconv.Atoi(m[3])
		switch r.Method {
		case http.MethodGet:
			s.list(w, r, issue)
		case http.MethodPost:
			var in struct{ Body string }
			if err := json.Unmarshal(body, &in); err != nil {
				reply(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
				return
			}
			s.nextID++
			c := Comment{ID: s.nextID, Body: in.Body}
			s.comments[issue] = append(s.comments[issue], c)
			reply(w, http.StatusCreated, s.view(r, c))
		default:
			reply(w, http.StatusMethodNotAllowed, map[string]string{"message": "Not allowed"})
		}
		return
	}
	if m := edit.FindStringSubmatch(r.URL.Path); m != nil && r.Method == http.MethodPatch {
		id, _ := strconv.ParseInt(m[3], 10, 64)
		var in struct{ Body string }
		if err := json.Unmarshal(body, &in); err != nil {
			reply(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
			return
		}
		for issue, cs := range s.comments {
			for i := range cs {
				if cs[i].ID == id {
					s.comments[issue][i].Body = in.Body
					reply(w, http.StatusOK, s.view(r, s.comments[issue][i]))
					return
				}
			}
		}
		reply(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	reply(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, issue int) {
	size := s.PageSize
	if size == 0 {
		size = 100
	}
	if pp, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && pp > 0 && pp < size {
		size = pp
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	all := s.comments[issue]
	pages := max((len(all)+size-1)/size, 1)
	from, to := min((page-1)*size, len(all)), min(page*size, len(all))
	link := func(p int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		return fmt.Sprintf(`<%s%s?%s>; rel="%s"`, s.URL, r.URL.Path, q.Encode(), rel)
	}
	var links []string
	if page < pages {
		links = append(links, link(page+1, "next"), link(pages, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := []map[string]any{}
	for _, c := range all[from:to] {
		out = append(out, s.view(r, c))
	}
	reply(w, http.StatusOK, out)
}

func (s *Server) view(r *http.Request, c Comment) map[string]any {
	return map[string]any{"id": c.ID, "body": c.Body, "html_url": fmt.Sprintf("https://github.example/pull/comment-%d", c.ID)}
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
