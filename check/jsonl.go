package check

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// DefaultMaxLine is the longest line a capture may have, in bytes. A
// longer line is counted as malformed and skipped without being held in
// memory.
const DefaultMaxLine = 1 << 20

// JSONLines reads a capture: one JSON object per line with `topic` (or
// `address`, or `channel`: an address or a 3.x channel id), `payload` (a
// JSON value, or a string holding the bytes as `kcat -J` writes them; or
// `payloadBase64` for binary bytes such as Avro), and optionally `headers`
// (an object, or kcat's flat ["key","value",…] list). Other fields (`key`,
// `timestamp`, `partition`, `offset`) are allowed and not used. A line
// that cannot be read is emitted as malformed with its line number.
type JSONLines struct {
	R       io.Reader
	Label   string // the file name, for reports
	MaxLine int    // DefaultMaxLine when 0

	lazy bool // leave parsing to the Checker's workers (see Message.line)
}

// Name is the file's name.
func (j *JSONLines) Name() string { return j.Label }

// Read streams the lines; only one is in memory at a time.
func (j *JSONLines) Read(ctx context.Context, emit func(*Message)) error {
	limit := j.MaxLine
	if limit <= 0 {
		limit = DefaultMaxLine
	}
	r := j.R
	if ctx.Done() != nil {
		r = &ctxReader{ctx: ctx, r: r}
	}
	br := bufio.NewReaderSize(r, min(limit+1, 1<<16))
	var line []byte
	for n := int64(1); ; n++ {
		if err := ctx.Err(); err != nil {
			return nil // the duration is up: a bound, not a failure
		}
		var tooLong bool
		var err error
		line, tooLong, err = readLine(br, line[:0], limit)
		if len(line) > 0 || tooLong {
			m := &Message{Seq: n}
			if tooLong {
				m.Malformed = fmt.Sprintf("longer than the line limit of %d bytes", limit)
			} else if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
				if j.lazy {
					m.line = append([]byte(nil), trimmed...)
				} else {
					parseLine(trimmed, m)
				}
			} else {
				m = nil // a blank line is no message
			}
			if m != nil {
				emit(m)
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", j.Label, n, err)
		}
	}
}

// readLine appends the next line (without its newline) to buf. A line
// longer than limit is read to its end and dropped: tooLong, buf empty.
func readLine(br *bufio.Reader, buf []byte, limit int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(bytes.TrimSuffix(chunk, []byte("\n"))) > limit {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(buf, []byte("\n")), tooLong, err
	}
}

// parseLine fills m from one line of a capture, or says why it cannot.
func parseLine(line []byte, m *Message) {
	var obj map[string]any
	if err := json.Unmarshal(line, &obj); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			m.Malformed = "not a JSON object"
		} else {
			m.Malformed = "invalid JSON: " + err.Error()
		}
		return
	}
	if obj == nil {
		m.Malformed = "not a JSON object"
		return
	}
	switch {
	case isString(obj["topic"]):
		m.Topic = obj["topic"].(string)
	case isString(obj["address"]):
		m.Topic = obj["address"].(string)
	case isString(obj["channel"]):
		m.Topic = obj["channel"].(string)
		m.ChannelID = m.Topic
	default:
		m.Malformed = "no `topic`, `address` or `channel` string"
		return
	}
	if why := payloadOf(obj, m); why != "" {
		m.Malformed = why
		return
	}
	if h, ok := obj["headers"]; ok && h != nil {
		if why := headersOf(h, m); why != "" {
			m.Malformed = why
		}
	}
}

func isString(v any) bool { _, ok := v.(string); return ok }

func payloadOf(obj map[string]any, m *Message) string {
	if b64, ok := obj["payloadBase64"]; ok {
		s, _ := b64.(string)
		raw, err := base64.StdEncoding.DecodeString(s)
		if !ok || err != nil {
			return "`payloadBase64` is not base64"
		}
		m.Raw = raw
		return ""
	}
	p, ok := obj["payload"]
	if !ok {
		return "no `payload`"
	}
	if s, isStr := p.(string); isStr {
		m.Raw = []byte(s) // the bytes as they travelled, as kcat -J writes them
		return ""
	}
	m.Value, m.Decoded = p, true
	return ""
}

// headersOf reads an object of headers or kcat's flat list of keys and
// values.
func headersOf(h any, m *Message) string {
	switch x := h.(type) {
	case map[string]any:
		m.Headers = x
	case []any:
		if len(x)%2 != 0 {
			return "`headers` list has an odd number of items (kcat writes key, value, key, value…)"
		}
		m.Headers = make(map[string]any, len(x)/2)
		for i := 0; i < len(x); i += 2 {
			k, ok := x[i].(string)
			if !ok {
				return fmt.Sprintf("`headers` item %d is a key but not a string", i)
			}
			m.Headers[k] = x[i+1]
		}
	default:
		return "`headers` is neither an object nor a list"
	}
	m.HasHeaders = true
	return ""
}

// ctxReader ends a read when the context is done, even while the reader
// blocks (standard input that nobody closes): --duration bounds reading a
// capture too. The blocked read is left to finish on its own, into a
// buffer nobody uses any more.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

type readResult struct {
	n   int
	err error
}

func (c *ctxReader) Read(p []byte) (int, error) {
	buf := make([]byte, len(p))
	ch := make(chan readResult, 1)
	go func() {
		n, err := c.r.Read(buf)
		ch <- readResult{n, err}
	}()
	select {
	case <-c.ctx.Done():
		return 0, io.EOF
	case res := <-ch:
		return copy(p, buf[:res.n]), res.err
	}
}
