package schema

import (
	"regexp/syntax"
	"strings"
	"unicode"
)

// patternSamples returns a few strings that the pattern matches, built
// from its syntax tree (literals, classes, repetition, alternation). They
// are candidates for witnesses of pattern changes; the validator still
// checks them, so a wrong guess costs nothing but time.
func patternSamples(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	var out []string
	seen := map[string]bool{}
	for variant := 0; variant < 4; variant++ {
		var b strings.Builder
		if !sampleRegexp(&b, re, variant, 0) || b.Len() > 1000 {
			continue
		}
		if s := b.String(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// sampleRegexp writes to b a string that re probably matches, the
// variant choosing among class ranges, repetition counts and
// alternatives; it reports false when it finds none.
func sampleRegexp(b *strings.Builder, re *syntax.Regexp, variant, depth int) bool {
	if depth > 64 || b.Len() > 1000 {
		return false
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			b.WriteRune(r)
		}
		return true
	case syntax.OpCharClass:
		r, ok := classRune(re.Rune, variant)
		if !ok {
			return false
		}
		b.WriteRune(r)
		return true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte("aZ0_"[variant%4])
		return true
	case syntax.OpCapture:
		return sampleRegexp(b, re.Sub[0], variant, depth+1)
	case syntax.OpStar, syntax.OpQuest:
		if variant%2 == 0 {
			return true
		}
		return sampleRegexp(b, re.Sub[0], variant, depth+1)
	case syntax.OpPlus:
		return sampleTimes(b, re.Sub[0], 1+variant%2, variant, depth)
	case syntax.OpRepeat:
		n := re.Min
		if variant%2 == 1 && re.Max > re.Min {
			n = re.Max
			if n > re.Min+3 {
				n = re.Min + 1
			}
		}
		if n > 100 {
			return false
		}
		return sampleTimes(b, re.Sub[0], n, variant, depth)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !sampleRegexp(b, s, variant, depth+1) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		if len(re.Sub) == 0 {
			return false
		}
		return sampleRegexp(b, re.Sub[variant%len(re.Sub)], variant, depth+1)
	}
	return false
}

// sampleTimes writes n samples of re, which repeats under a node at depth.
func sampleTimes(b *strings.Builder, re *syntax.Regexp, n, variant, depth int) bool {
	for i := 0; i < n; i++ {
		if !sampleRegexp(b, re, variant, depth+1) {
			return false
		}
	}
	return true
}

// classRune picks the rune a sample writes for a character class given as
// lo, hi range pairs: variants walk through the ranges, preferring
// printable runes. It reports false for an empty class.
func classRune(ranges []rune, variant int) (rune, bool) {
	if len(ranges) < 2 {
		return 0, false
	}
	pairs := len(ranges) / 2
	lo, hi := ranges[2*(variant%pairs)], ranges[2*(variant%pairs)+1]
	r := lo
	if variant%2 == 1 {
		r = hi
	}
	for c := lo; c <= hi && c < lo+128; c++ {
		if unicode.IsPrint(c) && c != ' ' {
			if variant%2 == 0 {
				r = c
				break
			}
		}
	}
	if !unicode.IsPrint(r) || r > 0x10FFFF {
		r = lo
	}
	return r, true
}
