package app

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/stationery"
)

// errOf keeps the error of a constructor's (value, error).
func errOf[T any](_ T, err error) error { return err }

// TestServicesRefuseNil builds every domain service the wiring builds,
// once with all its dependencies and once with each one nil in turn: a
// wiring mistake must fail at construction, naming the missing
// dependency, rather than as a nil-pointer panic or a 404 later (#7
// item 6).
func TestServicesRefuseNil(t *testing.T) {
	st := sqlstoretest.Open(t, "sqlite")
	log := &audit.Log{Store: st}
	k, _, err := pii.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keys := pii.NewKeyring(k)
	cw, err := casework.New(st, log, keys)
	if err != nil {
		t.Fatal(err)
	}
	var set auth.Settings
	pub := publicuser.DefaultSettings
	tests := []struct {
		name string
		err  error
		want string // "" when the service is built
	}{
		{"casework/all", errOf(casework.New(st, log, keys)), ""},
		{"casework/Store", errOf(casework.New(nil, log, keys)), "casework.New: nil Store"},
		{"casework/Log", errOf(casework.New(st, nil, keys)), "casework.New: nil audit.Log"},
		{"casework/Keyring", errOf(casework.New(st, log, nil)), "casework.New: nil pii.Keyring"},

		{"agency/all", errOf(agency.NewService(st, log)), ""},
		{"agency/Store", errOf(agency.NewService(nil, log)), "agency.NewService: nil Store"},
		{"agency/Log", errOf(agency.NewService(st, nil)), "agency.NewService: nil audit.Log"},

		{"apitoken/all", errOf(apitoken.NewService(st, log)), ""},
		{"apitoken/Store", errOf(apitoken.NewService(nil, log)), "apitoken.NewService: nil Store"},
		{"apitoken/Log", errOf(apitoken.NewService(st, nil)), "apitoken.NewService: nil audit.Log"},

		{"auth/all", errOf(auth.NewService(st, log, set)), ""},
		{"auth/Store", errOf(auth.NewService(nil, log, set)), "auth.NewService: nil Store"},
		{"auth/Log", errOf(auth.NewService(st, nil, set)), "auth.NewService: nil audit.Log"},

		{"annual/all", errOf(annual.New(st, cw, st, log)), ""},
		{"annual/Store", errOf(annual.New(nil, cw, st, log)), "annual.New: nil Store"},
		{"annual/Compiler", errOf(annual.New(st, nil, st, log)), "annual.New: nil Compiler"},
		{"annual/Agencies", errOf(annual.New(st, cw, nil, log)), "annual.New: nil Agencies"},
		{"annual/Log", errOf(annual.New(st, cw, st, nil)), "annual.New: nil audit.Log"},

		{"stationery/all", errOf(stationery.New(st, log)), ""},
		{"stationery/Store", errOf(stationery.New(nil, log)), "stationery.New: nil Store"},
		{"stationery/Log", errOf(stationery.New(st, nil)), "stationery.New: nil audit.Log"},

		{"catalog/all", errOf(catalog.NewService(st, log)), ""},
		{"catalog/Store", errOf(catalog.NewService(nil, log)), "catalog.NewService: nil Store"},
		{"catalog/Log", errOf(catalog.NewService(st, nil)), "catalog.NewService: nil audit.Log"},

		{"publicuser/all", errOf(publicuser.New(st, st, cw, keys, log, pub)), ""},
		{"publicuser/Store", errOf(publicuser.New(nil, st, cw, keys, log, pub)), "publicuser.New: nil Store"},
		{"publicuser/Records", errOf(publicuser.New(st, nil, cw, keys, log, pub)), "publicuser.New: nil Records"},
		{"publicuser/Cases", errOf(publicuser.New(st, st, nil, keys, log, pub)), "publicuser.New: nil Cases"},
		{"publicuser/Keyring", errOf(publicuser.New(st, st, cw, nil, log, pub)), "publicuser.New: nil pii.Keyring"},
		{"publicuser/Auditor", errOf(publicuser.New(st, st, cw, keys, nil, pub)), "publicuser.New: nil Auditor"},

		{"app/Store", errOf(New(context.Background(), nil, config.Default(), Options{})), "app.New: nil sqlstore.Store"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			switch {
			case tc.want == "" && tc.err != nil:
				t.Errorf("got %v; want the service built", tc.err)
			case tc.want != "" && (tc.err == nil || tc.err.Error() != tc.want):
				t.Errorf("got %v; want %q", tc.err, tc.want)
			}
		})
	}
}
