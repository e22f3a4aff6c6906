package search

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// A block is part of a key's posting list as the store keeps it in one
// row (issue #12: 774 postings an item made a row a posting cost 96 bytes
// each on disk, 74 GB at 1,000,000 items): the count, then each document
// id as its distance from the one before (the first from 0), then each
// packed weight (Posting.Weight) as one byte. Ids rise within a block, so
// the distances of a key that many documents hold take one byte.
//
//	uvarint(n) uvarint(id₁) uvarint(id₂−id₁) … uvarint(idₙ−idₙ₋₁) w₁ … wₙ

// AppendBlock appends the block of docs (strictly increasing, positive)
// and their weights w to dst.
func AppendBlock(dst []byte, docs []int64, w []uint8) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(docs)))
	prev := int64(0)
	for _, d := range docs {
		dst = binary.AppendUvarint(dst, uint64(d-prev))
		prev = d
	}
	return append(dst, w[:len(docs)]...)
}

// ErrBlock is wrapped by the errors DecodeBlock returns.
var ErrBlock = errors.New("search: bad posting block")

// DecodeBlock appends the postings of a block to l. It fails, leaving l
// as it was, when b is not a block AppendBlock wrote: cut short, with
// bytes after the end, or with ids that do not rise.
func DecodeBlock(b []byte, l *List) error {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) { // each posting takes at least two bytes
		return fmt.Errorf("%w: bad count", ErrBlock)
	}
	b = b[k:]
	docs, ws := len(l.Docs), len(l.W)
	prev := int64(0)
	for i := range int(n) {
		d, k := binary.Uvarint(b)
		if k <= 0 || d == 0 || d > 1<<62 || prev > 1<<62-int64(d) {
			l.Docs, l.W = l.Docs[:docs], l.W[:ws]
			return fmt.Errorf("%w: bad id %d of %d", ErrBlock, i+1, n)
		}
		prev += int64(d)
		l.Docs = append(l.Docs, prev)
		b = b[k:]
	}
	if len(b) != int(n) {
		l.Docs, l.W = l.Docs[:docs], l.W[:ws]
		return fmt.Errorf("%w: %d weights for %d ids", ErrBlock, len(b), n)
	}
	l.W = append(l.W, b...)
	return nil
}

// Merge returns the postings of a and b, both in increasing id order, in
// increasing id order; where both hold an id, b's weight wins.
func Merge(a, b List) List {
	if a.Len() == 0 {
		return b
	}
	if b.Len() == 0 {
		return a
	}
	out := List{Docs: make([]int64, 0, a.Len()+b.Len()), W: make([]uint8, 0, a.Len()+b.Len())}
	i, j := 0, 0
	for i < a.Len() || j < b.Len() {
		switch {
		case j == b.Len() || i < a.Len() && a.Docs[i] < b.Docs[j]:
			out.Docs, out.W = append(out.Docs, a.Docs[i]), append(out.W, a.W[i])
			i++
		default:
			if i < a.Len() && a.Docs[i] == b.Docs[j] {
				i++
			}
			out.Docs, out.W = append(out.Docs, b.Docs[j]), append(out.W, b.W[j])
			j++
		}
	}
	return out
}

// Sorted reports whether l's ids strictly rise.
func (l *List) Sorted() bool {
	for i := 1; i < len(l.Docs); i++ {
		if l.Docs[i] <= l.Docs[i-1] {
			return false
		}
	}
	return true
}
