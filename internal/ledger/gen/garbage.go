package gen

import (
	"bufio"
	"io"
	"math/rand/v2"
)

// Garbage writes size bytes that are clearly not a ledger: random bytes
// (control characters, invalid UTF-8, stray quotes and separators), the
// same for the same seed. Tests and benchmarks feed it to the readers to
// show they stop early with bounded memory.
func Garbage(w io.Writer, size int64, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 64<<10)
	var chunk [4096]byte
	for size > 0 {
		n := min(int64(len(chunk)), size)
		for i := range chunk[:n] {
			chunk[i] = byte(r.Uint32())
		}
		if _, err := bw.Write(chunk[:n]); err != nil {
			return err
		}
		size -= n
	}
	return bw.Flush()
}

// GarbageText writes size bytes of printable ASCII with commas, quotes and
// line breaks, one row after another, none of them a ledger header: text
// that a CSV reader accepts line by line.
func GarbageText(w io.Writer, size int64, seed uint64) error {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ,,,\"\n"
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 64<<10)
	for ; size > 0; size-- {
		if err := bw.WriteByte(alphabet[r.IntN(len(alphabet))]); err != nil {
			return err
		}
	}
	return bw.Flush()
}
