package rules

import "github.com/eventdiff/eventdiff/rules/catalogue"

// Lookup returns the rule declared with an id.
func Lookup(id string) (*Rule, bool) { return catalogue.Lookup(id) }

// All returns every declared rule, sorted by id.
func All() []*Rule { return catalogue.All() }
