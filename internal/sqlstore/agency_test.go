package sqlstore_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// testNow is the time the tests pass where the services pass their
// clock's: the store reads no clock.
var testNow = time.Date(2026, 11, 25, 8, 0, 0, 123456000, time.UTC)

// mustAgency creates an agency or fails the test.
func mustAgency(t *testing.T, s *sqlstore.Store, name string, parent int64) agency.Agency {
	t.Helper()
	a, err := s.CreateAgency(context.Background(), agency.Agency{Name: name, ParentID: parent, CreatedAt: testNow})
	if err != nil {
		t.Fatalf("create agency %s: %v", name, err)
	}
	return a
}

func TestAgencyStore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		city := mustAgency(t, s, "宁波市", 0)
		district := mustAgency(t, s, "北仑区", city.ID)
		justice := mustAgency(t, s, "北仑区司法局", district.ID)
		edu := mustAgency(t, s, "北仑区教育局", district.ID)
		other := mustAgency(t, s, "鄞州区", city.ID)

		t.Run("unique name", func(t *testing.T) {
			_, err := s.CreateAgency(ctx, agency.Agency{Name: "北仑区", CreatedAt: testNow})
			if !errors.Is(err, apperr.Conflict) {
				t.Fatalf("duplicate name: err = %v; want Conflict", err)
			}
		})
		t.Run("missing parent", func(t *testing.T) {
			_, err := s.CreateAgency(ctx, agency.Agency{Name: "无上级", ParentID: 9999, CreatedAt: testNow})
			if !errors.Is(err, apperr.NotFound) {
				t.Fatalf("missing parent: err = %v; want NotFound", err)
			}
		})
		t.Run("get", func(t *testing.T) {
			got, err := s.AgencyByName(ctx, "北仑区司法局")
			if err != nil || got.ID != justice.ID || got.ParentID != district.ID || got.CreatedAt.IsZero() {
				t.Fatalf("AgencyByName = %+v, %v; want id %d parent %d", got, err, justice.ID, district.ID)
			}
			if _, err := s.Agency(ctx, 424242); !errors.Is(err, apperr.NotFound) {
				t.Fatalf("Agency(missing) err = %v; want NotFound", err)
			}
		})
		t.Run("parents", func(t *testing.T) {
			got, err := s.ParentAgencies(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, a := range got {
				ids = append(ids, a.ID)
			}
			if want := []int64{city.ID, district.ID}; !slices.Equal(ids, want) || got[1].Name != "北仑区" {
				t.Errorf("ParentAgencies = %v; want %v (宁波市, 北仑区: 鄞州区 and the bureaus have nothing below)", ids, want)
			}
		})
		tests := []struct {
			name string
			root int64
			want []int64
		}{
			{"city", city.ID, []int64{city.ID, district.ID, justice.ID, edu.ID, other.ID}},
			{"district", district.ID, []int64{district.ID, justice.ID, edu.ID}},
			{"leaf", justice.ID, []int64{justice.ID}},
		}
		for _, tt := range tests {
			t.Run("subtree "+tt.name, func(t *testing.T) {
				got, err := s.Subtree(ctx, tt.root)
				if err != nil {
					t.Fatal(err)
				}
				slices.Sort(tt.want)
				if !slices.Equal(got, tt.want) {
					t.Errorf("Subtree = %v; want %v", got, tt.want)
				}
			})
		}
		t.Run("list", func(t *testing.T) {
			all, err := s.ListAgencies(ctx)
			if err != nil || len(all) != 5 || all[0].Name != "宁波市" {
				t.Fatalf("ListAgencies = %v, %v; want the 5 agencies starting with 宁波市", all, err)
			}
		})
		// The last subtest adds an agency: those above see the five of
		// the fixture whether they run together or alone.
		t.Run("oversight scope", func(t *testing.T) {
			office, err := s.CreateAgency(ctx, agency.Agency{Name: "宁波市人民政府办公厅 政务公开办", ParentID: city.ID, OverseesID: city.ID, CreatedAt: testNow})
			if err != nil {
				t.Fatal(err)
			}
			got, err := agency.Scope(ctx, s, office.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(got, justice.ID) || !slices.Contains(got, office.ID) || len(got) != 6 {
				t.Errorf("Scope(office) = %v; want all 6 agencies", got)
			}
		})
	})
}
