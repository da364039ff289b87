package report

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/eventdiff/eventdiff/changelog"
)

// UpdateChangelog merges the history into an existing CHANGELOG.md and
// returns the new content, with notes about what it did that a person
// should know.
//
//   - Sections of versions the file already has are kept byte for byte,
//     whatever eventdiff would write for them now, and so is everything
//     that is not a release section: the title, the introduction, other
//     headings, hand-written text.
//   - New releases are inserted in version order: above the first older
//     release section, so normally right below Unreleased.
//   - The Unreleased section is regenerated between its markers; text
//     the user wrote in it outside the markers stays. When new releases
//     appear, that text is moved to the end of the oldest of them (the
//     first release cut after it was written), and a note says so.
//   - With a repository URL, link definitions of new sections are added
//     to the links at the bottom and the [Unreleased] link is rewritten.
//
// Running it again with the same history changes nothing.
func UpdateChangelog(existing []byte, h *changelog.History, opts ChangelogOptions) ([]byte, []string) {
	if len(bytes.TrimSpace(existing)) == 0 {
		existing = []byte(ChangelogHeader(h))
	}
	doc := parseChangelog(existing)
	genUnreleased, fresh := doc.missing(changelogSections(h, opts))
	var ed edits
	var notes []string
	if genUnreleased != nil {
		notes = ed.unreleased(doc, genUnreleased, fresh)
	}
	// New release sections, each above the first older one.
	for i, s := range fresh {
		ed.block(doc.insertionPoint(s.version), 1+i, s.text)
	}
	ed.links(doc, genUnreleased, fresh)
	return ed.apply(doc.lines), notes
}

// missing sorts the generated sections: the Unreleased one (nil when
// there is none), and the releases the file does not have yet, newest
// first.
func (d *mdChangelog) missing(gen []changelogSection) (genUnreleased *changelogSection, fresh []changelogSection) {
	for i := range gen {
		s := &gen[i]
		if s.unreleased {
			genUnreleased = s
			continue
		}
		if d.has(s.version) {
			continue
		}
		fresh = append(fresh, *s)
	}
	return genUnreleased, fresh
}

// unreleased regenerates the Unreleased section between its markers (or
// adds it). When fresh releases are newer than every section of the file,
// the text written in it moves to the oldest of them, which may change
// fresh; the note returned says so.
func (ed *edits) unreleased(doc *mdChangelog, genUnreleased *changelogSection, fresh []changelogSection) []string {
	var notes []string
	fileU := doc.unreleased()
	newest := doc.newestVersion()
	released := false // some fresh release is newer than every section of the file
	for _, s := range fresh {
		if v, err := semver.NewVersion(s.version); err == nil && (newest == nil || v.GreaterThan(newest)) {
			released = true
		}
	}
	switch {
	case fileU == nil:
		ed.block(doc.firstVersioned(), 0, genUnreleased.text)
	case released && doc.handText(fileU) != "":
		// The notes follow the changes they describe into the release.
		hand := doc.handText(fileU)
		target := oldestNewer(fresh, newest)
		fresh[target].text += "\n" + hand
		notes = append(notes, fmt.Sprintf("moved the notes written in Unreleased to %s", fresh[target].version))
		ed.replace(fileU.start, fileU.end-fileU.start, genUnreleased.text+"\n")
	default:
		if b, e, ok := doc.markers(fileU); ok {
			ed.replace(b, e-b+1, genUnreleased.block)
		} else {
			ed.replace(fileU.start+1, 0, "\n"+genUnreleased.block)
		}
	}
	return notes
}

// links adds the link definitions of the new sections to the links at
// the bottom, and rewrites the [Unreleased] link.
func (ed *edits) links(doc *mdChangelog, genUnreleased *changelogSection, fresh []changelogSection) {
	var links []changelogSection
	for _, s := range fresh {
		if s.link != "" {
			links = append(links, s)
		}
	}
	if genUnreleased != nil && genUnreleased.link != "" {
		if at, ok := doc.links["unreleased"]; ok {
			ed.replace(at, 1, genUnreleased.link)
		} else {
			links = append([]changelogSection{*genUnreleased}, links...)
		}
	}
	if len(links) == 0 {
		return
	}
	if doc.linkStart == len(doc.lines) {
		var b strings.Builder
		for _, s := range links {
			b.WriteString(s.link)
		}
		ed.block(len(doc.lines), 100, b.String())
		return
	}
	for i, s := range links {
		ed.insert(doc.linkPoint(s), 1000+i, s.link) // after sections inserted at the same line
	}
}

// oldestNewer is the index of the oldest fresh release newer than newest.
func oldestNewer(fresh []changelogSection, newest *semver.Version) int {
	at := 0
	for i, s := range fresh {
		if v, err := semver.NewVersion(s.version); err == nil && (newest == nil || v.GreaterThan(newest)) {
			at = i
		}
	}
	return at
}

// mdChangelog is a CHANGELOG.md split into lines (each with its own line
// ending, so that untouched lines are written back byte for byte).
type mdChangelog struct {
	lines     []string
	sections  []mdSection
	linkStart int            // the first line of the link definitions at the bottom (len(lines) when there are none)
	links     map[string]int // lower-case label → line
}

// mdSection is a level-2 heading and the lines up to the next one.
type mdSection struct {
	start, end int
	unreleased bool
	version    *semver.Version // nil unless the heading names a version
}

var (
	headingRE = regexp.MustCompile(`^##[ \t]+\[?([^\]\[\s(]+)`)
	linkRE    = regexp.MustCompile(`^ {0,3}\[([^\]]+)\]:[ \t]*\S`)
)

func parseChangelog(data []byte) *mdChangelog {
	d := &mdChangelog{links: map[string]int{}}
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			d.lines = append(d.lines, string(data))
			break
		}
		d.lines = append(d.lines, string(data[:i+1]))
		data = data[i+1:]
	}
	// The link definitions at the bottom end the last section.
	d.linkStart = len(d.lines)
	for i := len(d.lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(d.lines[i])
		if t == "" {
			continue
		}
		m := linkRE.FindStringSubmatch(d.lines[i])
		if m == nil {
			break
		}
		d.linkStart = i
		d.links[strings.ToLower(m[1])] = i
	}
	inFence := ""
	for i, l := range d.lines[:d.linkStart] {
		t := strings.TrimRight(l, "\r\n")
		if f := fence(t); f != "" {
			switch {
			case inFence == "":
				inFence = f
			case strings.HasPrefix(f, inFence):
				inFence = ""
			}
			continue
		}
		if inFence != "" || !strings.HasPrefix(t, "## ") && !strings.HasPrefix(t, "##\t") {
			continue
		}
		if n := len(d.sections); n > 0 {
			d.sections[n-1].end = i
		}
		s := mdSection{start: i, end: d.linkStart}
		if m := headingRE.FindStringSubmatch(t); m != nil {
			if strings.EqualFold(m[1], "unreleased") {
				s.unreleased = true
			} else if v, err := semver.StrictNewVersion(strings.TrimPrefix(m[1], "v")); err == nil {
				s.version = v
			}
		}
		d.sections = append(d.sections, s)
	}
	return d
}

// fence returns the fence a line opens or closes (``` or ~~~, with its
// length), or "".
func fence(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return ""
	}
	for _, c := range []string{"`", "~"} {
		if strings.HasPrefix(t, c+c+c) {
			n := len(t) - len(strings.TrimLeft(t, c))
			return strings.Repeat(c, n)
		}
	}
	return ""
}

func (d *mdChangelog) has(version string) bool {
	v, err := semver.NewVersion(version)
	if err != nil {
		return false
	}
	for _, s := range d.sections {
		if s.version != nil && s.version.Equal(v) {
			return true
		}
	}
	return false
}

func (d *mdChangelog) unreleased() *mdSection {
	for i := range d.sections {
		if d.sections[i].unreleased {
			return &d.sections[i]
		}
	}
	return nil
}

func (d *mdChangelog) newestVersion() *semver.Version {
	var newest *semver.Version
	for _, s := range d.sections {
		if s.version != nil && (newest == nil || s.version.GreaterThan(newest)) {
			newest = s.version
		}
	}
	return newest
}

// firstVersioned is where a new Unreleased section goes: above the first
// release section, or after everything else when there is none.
func (d *mdChangelog) firstVersioned() int {
	for _, s := range d.sections {
		if s.version != nil {
			return s.start
		}
	}
	return d.linkStart
}

// insertionPoint is where a new release section goes: above the first
// section of an older version; below the last release section when every
// one is newer; below Unreleased, or at the end, when there is none.
func (d *mdChangelog) insertionPoint(version string) int {
	v, err := semver.NewVersion(version)
	lastVersioned := -1
	for i, s := range d.sections {
		if s.version == nil {
			continue
		}
		if err == nil && s.version.LessThan(v) {
			return s.start
		}
		lastVersioned = i
	}
	if lastVersioned >= 0 {
		return d.sections[lastVersioned].end
	}
	if u := d.unreleased(); u != nil {
		return u.end
	}
	return d.linkStart
}

// linkPoint is where a section's link definition goes among the links:
// [Unreleased] first, versions newest first.
func (d *mdChangelog) linkPoint(s changelogSection) int {
	if s.unreleased {
		return d.linkStart
	}
	v, err := semver.NewVersion(s.version)
	type at struct {
		line int
		v    *semver.Version
	}
	var versions []at
	for label, line := range d.links {
		if lv, err := semver.StrictNewVersion(strings.TrimPrefix(label, "v")); err == nil {
			versions = append(versions, at{line, lv})
		}
	}
	sort.Slice(versions, func(i, j int) bool { return versions[i].line < versions[j].line })
	last := -1
	for _, x := range versions {
		if err == nil && x.v.LessThan(v) {
			return x.line
		}
		last = x.line
	}
	if last >= 0 {
		return last + 1
	}
	if u, ok := d.links["unreleased"]; ok {
		return u + 1
	}
	return len(d.lines)
}

// markers finds the generated part of the Unreleased section.
func (d *mdChangelog) markers(s *mdSection) (begin, end int, ok bool) {
	begin = -1
	for i := s.start + 1; i < s.end; i++ {
		t := strings.TrimSpace(d.lines[i])
		switch {
		case begin < 0 && strings.HasPrefix(t, "<!-- eventdiff:unreleased:begin"):
			begin = i
		case begin >= 0 && strings.HasPrefix(t, "<!-- eventdiff:unreleased:end"):
			return begin, i, true
		}
	}
	return 0, 0, false
}

// handText is what the user wrote in the Unreleased section outside the
// generated part, without surrounding blank lines ("" when nothing).
func (d *mdChangelog) handText(s *mdSection) string {
	b, e, ok := d.markers(s)
	var kept []string
	for i := s.start + 1; i < s.end; i++ {
		if ok && i >= b && i <= e {
			continue
		}
		kept = append(kept, d.lines[i])
	}
	for len(kept) > 0 && strings.TrimSpace(kept[0]) == "" {
		kept = kept[1:]
	}
	for len(kept) > 0 && strings.TrimSpace(kept[len(kept)-1]) == "" {
		kept = kept[:len(kept)-1]
	}
	text := strings.Join(kept, "")
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text
}

// edits change the lines of a file: text inserted before a line, and
// lines replaced. Untouched lines are copied as they are.
type edits []edit

type edit struct {
	at, del int
	order   int
	text    string
	block   bool // a section: kept apart from its neighbours by blank lines
}

func (e *edits) replace(at, del int, text string) {
	*e = append(*e, edit{at: at, del: del, order: -1, text: text})
}

func (e *edits) insert(at, order int, text string) {
	*e = append(*e, edit{at: at, order: order, text: text})
}

func (e *edits) block(at, order int, text string) {
	*e = append(*e, edit{at: at, order: order, text: text, block: true})
}

func (e edits) apply(lines []string) []byte {
	sort.SliceStable(e, func(i, j int) bool {
		if e[i].at != e[j].at {
			return e[i].at < e[j].at
		}
		return e[i].order < e[j].order
	})
	var out strings.Builder
	k := 0
	skip := 0
	// flush writes sections inserted together, apart from what comes
	// before and after them by blank lines.
	flush := func(blocks []string, more bool) {
		if len(blocks) == 0 {
			return
		}
		s := out.String()
		switch {
		case s == "":
		case !strings.HasSuffix(s, "\n"):
			out.WriteString("\n\n")
		case !strings.HasSuffix(s, "\n\n") && !strings.HasSuffix(s, "\n\r\n"):
			out.WriteString("\n")
		}
		out.WriteString(strings.Join(blocks, "\n"))
		if more {
			out.WriteString("\n")
		}
	}
	emitAt := func(i int) {
		var blocks []string
		for ; k < len(e) && e[k].at == i; k++ {
			ed := e[k]
			if ed.block {
				blocks = append(blocks, ed.text)
				continue
			}
			flush(blocks, true)
			blocks = nil
			if ed.del > 0 {
				skip = ed.del
			}
			if ed.del == 0 && out.Len() > 0 && !strings.HasSuffix(out.String(), "\n") {
				out.WriteString("\n") // after a last line without one
			}
			out.WriteString(ed.text)
		}
		flush(blocks, i < len(lines) && strings.TrimSpace(lines[i]) != "")
	}
	for i, l := range lines {
		emitAt(i)
		if skip > 0 {
			skip--
			continue
		}
		out.WriteString(l)
	}
	emitAt(len(lines))
	return []byte(out.String())
}
