package pii

import (
	"encoding/hex"
	"testing"

	"github.com/emmansun/gmsm/sm4"
)

// TestSM4KnownAnswer checks the SM4 block cipher under the field cipher
// against the example of GB/T 32907-2016 (SECURITY.md C-02): key =
// plaintext = 0123456789abcdeffedcba9876543210 gives
// 681edf34d206965e86b3e94f536e4246.
func TestSM4KnownAnswer(t *testing.T) {
	key, _ := hex.DecodeString("0123456789abcdeffedcba9876543210")
	c, err := sm4.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, 16)
	c.Encrypt(out, key)
	if got, want := hex.EncodeToString(out), "681edf34d206965e86b3e94f536e4246"; got != want {
		t.Errorf("SM4 = %s; want %s", got, want)
	}
}
