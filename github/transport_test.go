package github

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

type bodyOf string

func (b bodyOf) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(string(b)))}, nil
}

// An exact fit is read whole; one byte more is an error, never a silently
// shortened body.
func TestCappedBody(t *testing.T) {
	for _, tt := range []struct {
		body    string
		tooLong bool
	}{{"", false}, {"abcd", false}, {"abcde", false}, {"abcdef", true}, {strings.Repeat("x", 1000), true}} {
		resp, _ := (&cappedTransport{base: bodyOf(tt.body), max: 5}).RoundTrip(nil)
		got, err := io.ReadAll(resp.Body)
		if tt.tooLong != errors.Is(err, ErrResponseTooLarge) || (!tt.tooLong && string(got) != tt.body) || len(got) > 5 {
			t.Errorf("%d bytes: read %q, %v", len(tt.body), got, err)
		}
	}
}
