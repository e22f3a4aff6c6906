package app

import (
	"os"
	"testing"

	"github.com/gongkai/gongkai/internal/pii"
)

// testPIIKey seals personal data in every test of this package, so that
// no test writes a key file into the source tree (the SQLite stores of
// the tests live in temporary directories; PostgreSQL has none).
const testPIIKey = "00112233445566778899aabbccddeeff"

// testAuditKey keys the audit chain in every test of this package.
const testAuditKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

func TestMain(m *testing.M) {
	if _, ok := os.LookupEnv(pii.EnvKey); !ok {
		os.Setenv(pii.EnvKey, testPIIKey)
	}
	// The same for the audit key: no test writes audit.key into the
	// package directory (PostgreSQL stores have no data directory).
	if _, ok := os.LookupEnv(EnvAuditKey); !ok {
		os.Setenv(EnvAuditKey, testAuditKey)
	}
	code := m.Run()
	stopBrowser()
	os.Exit(code)
}
