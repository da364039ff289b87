// Package corpus finds the shared corpus of real old/new AsyncAPI pairs
// (../shared/corpus from the project root) for tests. Tests skip when it
// is absent; nothing from it is copied into the project.
package corpus
