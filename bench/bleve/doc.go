// Package bleve compares gongkai's search index with bleve v2 and its cjk
// analyzer on the same generated corpus, in one run (issue #12). It is a
// module of its own so that bleve never enters gongkai's go.mod or binary.
package bleve
