package tree

import (
	"math/big"
	"strings"
)

// A plain (unquoted) YAML scalar is typed by the YAML 1.2 core schema
// (https://yaml.org/spec/1.2.2/#1023-core-schema), on every parse path, so
// that `1e3` in YAML is the number 1000 as it is in JSON, and `yes` or
// `0b1` (YAML 1.1) stay strings:
//
//	null | Null | NULL | ~ | (empty)                         null
//	true | True | TRUE | false | False | FALSE              boolean
//	[-+]? [0-9]+                                            integer, base 10
//	0o [0-7]+                                               integer, base 8
//	0x [0-9a-fA-F]+                                         integer, base 16
//	[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?   float
//	[-+]? ( \.inf | \.Inf | \.INF )                         float, infinite
//	\.nan | \.NaN | \.NAN                                   float, not a number
//
// Everything else is a string. Numbers keep their literal form, rewritten
// where YAML allows what JSON does not (a sign `+`, leading zeros, `.5`,
// `1.`, hexadecimal and octal), so that the node's text is always a valid
// JSON number. JSON has no infinity and no NaN: those floats stay strings,
// spelt one way (`.inf`, `-.inf`, `.nan`) so that equal values compare equal.

// resolvePlain types the text of a plain scalar by the core schema and
// returns its kind and its text as a JSON value.
func resolvePlain(s string) (Kind, string) {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return Null, ""
	case "true", "True", "TRUE":
		return Bool, "true"
	case "false", "False", "FALSE":
		return Bool, "false"
	case ".nan", ".NaN", ".NAN":
		return String, ".nan"
	}
	if len(s) > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x') {
		return radixInteger(s)
	}
	sign, body := "", s
	if s[0] == '-' || s[0] == '+' {
		sign, body = s[:1], s[1:]
	}
	switch body {
	case ".inf", ".Inf", ".INF":
		if sign == "-" {
			return String, "-.inf"
		}
		return String, ".inf"
	}
	if num, ok := coreNumber(body); ok {
		switch {
		case sign == "-" && num != body:
			return Number, "-" + num
		case sign == "+" || num != body:
			return Number, num
		}
		return Number, s
	}
	return String, s
}

// maxRadixDigits bounds the octal and hexadecimal integers turned into
// decimal text: the conversion grows faster than the number's length, and
// a scalar may be megabytes long. No real document writes a longer one;
// one that does stays a string.
const maxRadixDigits = 4096

// radixInteger reads `0o17` or `0x1F` as a decimal JSON integer.
func radixInteger(s string) (Kind, string) {
	base := 8
	if s[1] == 'x' {
		base = 16
	}
	if len(s)-2 > maxRadixDigits || !allDigits(s[2:], s[1]) {
		return String, s
	}
	v, ok := new(big.Int).SetString(s[2:], base)
	if !ok {
		return String, s
	}
	return Number, v.String()
}

// allDigits reports whether s holds only digits of the base named by its
// prefix letter (big.Int.SetString also takes underscores and signs,
// which the core schema does not).
func allDigits(s string, base byte) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '7':
		case base == 'x' && (c >= '8' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
		default:
			return false
		}
	}
	return true
}

// coreNumber matches an unsigned core-schema integer or float,
// ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?, and returns
// it as a JSON number: leading zeros dropped, a bare `.` completed with 0.
func coreNumber(s string) (string, bool) {
	i := digitsAt(s, 0)
	intPart := s[:i]
	frac, hasDot := "", false
	if i < len(s) && s[i] == '.' {
		j := digitsAt(s, i+1)
		frac, hasDot, i = s[i+1:j], true, j
	}
	if intPart == "" && frac == "" {
		return "", false
	}
	exp := ""
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			j++
		}
		k := digitsAt(s, j)
		if k == j {
			return "", false
		}
		exp, i = s[i:k], k
	}
	if i != len(s) {
		return "", false
	}
	if !(intPart == "" || len(intPart) > 1 && intPart[0] == '0' || hasDot && frac == "") {
		return s, true // already a JSON number
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if hasDot {
		if frac == "" {
			frac = "0"
		}
		return intPart + "." + frac + exp, true
	}
	return intPart + exp, true
}

// digitsAt returns the end of the run of decimal digits starting at i.
func digitsAt(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
